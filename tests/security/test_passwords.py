"""Password policy (domain.md §7): at least 12 characters, no common or all-numeric passwords, not
like the user's own name; no composition rules, so a long passphrase passes."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-ord", "password_too_short"),
        ("Abc!1234567", "password_too_short"),  # 11 characters
        ("password1234", "password_too_common"),
        ("123456789012", "password_entirely_numeric"),
        ("qwerty123456", "password_too_common"),
        ("kommune2026!", "password_too_similar"),
    ],
)
def test_weak_passwords_are_rejected(demo_users, password, code):
    with pytest.raises(ValidationError) as raised:
        validate_password(password, user=demo_users["kommune"])
    assert code in {error.code for error in raised.value.error_list}


@pytest.mark.parametrize(
    "password", ["fjellet er blått om høsten", "tolv tegn lang", "Grønn-sykkel-i-regnet"]
)
def test_long_passphrases_pass_without_composition_rules(demo_users, password):
    validate_password(password, user=demo_users["kommune"])


def test_the_admin_user_form_applies_the_policy():
    """Administrators create users in Wagtail's admin: the same validators apply there."""
    from portal.accounts.viewsets import PortalUserCreationForm

    form = PortalUserCreationForm(
        data={
            "username": "ny-bruker",
            "email": "ny@example.invalid",
            "first_name": "Ny",
            "last_name": "Bruker",
            "password1": "passord123",
            "password2": "passord123",
        }
    )
    assert not form.is_valid()
    assert "password2" in form.errors or "password1" in form.errors
