"""Wagtail's user admin with the organisation fields, so administrators tie users to their service,
centre or embete in the same form where they assign role groups."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .roles import ROLE_GROUPS, ROLE_LABELS, ROLE_ORGANISATION

ORGANISATION_FIELDS = ("service", "provider", "embete", "job_title")


def _check_role_organisations(form) -> None:
    groups = {g.name for g in form.cleaned_data.get("groups") or []}
    for role, field in ROLE_ORGANISATION.items():
        if ROLE_GROUPS[role] in groups and not form.cleaned_data.get(field):
            form.add_error(field, ValidationError(f"Rollen «{ROLE_LABELS[role]}» krever dette feltet."))


class PortalUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(ORGANISATION_FIELDS)

    def clean(self):
        cleaned = super().clean()
        _check_role_organisations(self)
        return cleaned


class PortalUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(ORGANISATION_FIELDS)

    def clean(self):
        cleaned = super().clean()
        _check_role_organisations(self)
        return cleaned


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
