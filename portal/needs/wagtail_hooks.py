"""Needs in the Wagtail admin, for portal curators (Portalredaktør) and administrators only.

Curators list needs past draft (drafts are private to the service) and may correct the themes; they
read an escalated need's full text in the portal (/behov/<id>/), where the read is logged. Creating
needs and changing their text or state happen in the portal through the services, which guard
personal data and record the audit trail; so the admin offers no "add", and its edit form holds the
themes only. Administrators may delete (for example a need posted by mistake).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.accounts.roles import ROLE_GROUPS, Role, user_roles

from .models import Need, NeedState

CURATOR_ACTIONS = frozenset({"view", "change"})
ADMIN_ACTIONS = frozenset({"view", "change", "delete"})


class NeedPermissionPolicy(BasePermissionPolicy):
    """Curators: view and change (themes); administrators also delete; nobody adds here."""

    def _actions(self, user) -> frozenset[str]:
        roles = user_roles(user)
        if Role.ADMIN in roles:
            return ADMIN_ACTIONS
        if Role.EDITOR in roles:
            return CURATOR_ACTIONS
        return frozenset()

    def user_has_permission(self, user, action):
        return action in self._actions(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.state != NeedState.DRAFT

    def users_with_any_permission(self, actions):
        actions = set(actions)
        q = Q(is_superuser=True, is_active=True)
        if actions & CURATOR_ACTIONS:
            q |= Q(groups__name=ROLE_GROUPS[Role.EDITOR], is_active=True)
        return get_user_model().objects.filter(q).distinct()

    def instances_user_has_any_permission_for(self, user, actions):
        if set(actions) & self._actions(user):
            return Need.objects.exclude(state=NeedState.DRAFT)
        return Need.objects.none()


register_permission_policy(Need, NeedPermissionPolicy(Need))


class NeedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().exclude(state=NeedState.DRAFT).select_related("service")


class NeedViewSet(ModelViewSet):
    model = Need
    icon = "help"
    menu_label = "Behov"
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = NeedIndexView
    list_display = ["title", "service", "state", "published_at", "escalated_at"]
    list_filter = ["state", "visibility", "urgency"]
    search_fields = ["title"]
    form_fields = ["themes"]

    # Drafts are private to the service: not even curators open them here (404).
    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(queryset=_not_drafts(), **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(queryset=_not_drafts(), **kwargs)


def _not_drafts():
    return Need.objects.exclude(state=NeedState.DRAFT)


@hooks.register("register_admin_viewset")
def register_need_viewset():
    return NeedViewSet("behov")
