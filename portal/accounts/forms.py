from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .throttling import LOCKED_MESSAGE, login_is_locked


class LoginForm(AuthenticationForm):
    """The portal's login form, with Norwegian messages and a clear lockout message."""

    error_messages = {
        "invalid_login": (
            "Feil brukernavn eller passord. Husk at passordet skiller mellom store og små bokstaver."
        ),
        "inactive": "Denne kontoen er deaktivert.",
        "locked": LOCKED_MESSAGE,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Brukernavn"
        self.fields["password"].label = "Passord"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})

    def clean(self):
        if login_is_locked(self.data.get("username"), self.request):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
