"""Wagtail's users app, configured with the portal's user form (organisation fields)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.viewsets.UserViewSet"
