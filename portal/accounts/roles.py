"""The portal's roles, the groups that carry them, and the organisation each role requires.

A role is membership of one of the groups below. Object permissions (whose needs, which provider's
pages) come from the user's organisation, checked in the selectors and services of each app.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, Group, Permission


class Role(StrEnum):
    MUNICIPAL = "kommune"
    CENTRE = "senter"
    STATSFORVALTER = "statsforvalter"
    BUFDIR = "bufdir"
    EDITOR = "redaktor"
    ADMIN = "admin"


ROLE_GROUPS: dict[Role, str] = {
    Role.MUNICIPAL: "Kommune (barneverntjeneste)",
    Role.CENTRE: "Kompetansesenter",
    Role.STATSFORVALTER: "Statsforvalter",
    Role.BUFDIR: "Bufdir (lesetilgang nasjonalt)",
    Role.EDITOR: "Portalredaktør",
}
ROLE_LABELS: dict[Role, str] = {
    Role.MUNICIPAL: "Kommune",
    Role.CENTRE: "Kompetansesenter",
    Role.STATSFORVALTER: "Statsforvalter",
    Role.BUFDIR: "Bufdir",
    Role.EDITOR: "Portalredaktør",
    Role.ADMIN: "Administrator",
}
# The organisation field each role must have set on the user.
ROLE_ORGANISATION: dict[Role, str] = {
    Role.MUNICIPAL: "service",
    Role.CENTRE: "provider",
    Role.STATSFORVALTER: "embete",
}
# Wagtail admin access and model permissions per role group ("app_label.codename").
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.MUNICIPAL: [],
    Role.CENTRE: ["wagtailadmin.access_admin"],
    Role.STATSFORVALTER: ["wagtailadmin.access_admin"],
    Role.BUFDIR: [],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        *[
            f"katalog.{action}_{model}"
            for model in ("theme", "formofhelp", "targetgroup", "abbreviation")
            for action in ("add", "change", "delete", "view")
        ],
        *[
            f"organisations.{action}_{model}"
            for model in (
                "provider",
                "referralactor",
                "childwelfareservice",
                "servicecoverage",
                "municipality",
            )
            for action in ("add", "change", "view")
        ],
        "organisations.view_county",
        "organisations.view_embete",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}


def user_roles(user) -> frozenset[Role]:
    """The roles of ``user``: cached on the user object for the request."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    roles = {role for role, group in ROLE_GROUPS.items() if group in names}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    user._portal_roles = frozenset(roles)
    return user._portal_roles


def has_role(user, role: Role) -> bool:
    return role in user_roles(user)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def role_groups_ensure() -> dict[Role, Group]:
    """Create the role groups and give them their permissions (idempotent)."""
    groups = {}
    for role, name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = {_permission(p) for p in ROLE_PERMISSIONS.get(role, [])}
        if set(group.permissions.all()) != wanted:
            group.permissions.set(wanted)
        _collection_permissions_ensure(group, wanted)
        groups[role] = group
    return groups


def _collection_permissions_ensure(group: Group, wanted: set[Permission]) -> None:
    """Mirror image and document permissions onto the root collection.

    Wagtail checks uploads against collection permissions, not the group's model permissions, so
    without this an editor with ``add_image`` is still sent back to the dashboard.
    """
    from wagtail.models import Collection, GroupCollectionPermission

    collection_apps = {"wagtailimages", "wagtaildocs"}
    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in wanted:
        if permission.content_type.app_label in collection_apps:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def user_assign_role(*, user, role: Role, organisation=None) -> None:
    """Put ``user`` in the role's group and tie them to the organisation the role requires."""
    from django.core.exceptions import ValidationError

    field = ROLE_ORGANISATION.get(role)
    if field:
        if organisation is None and getattr(user, field) is None:
            raise ValidationError(
                f"Rollen «{ROLE_LABELS[role]}» krever at brukeren er knyttet til en organisasjon."
            )
        if organisation is not None:
            setattr(user, field, organisation)
    if role is Role.ADMIN:
        user.is_superuser = True
        user.is_staff = True
    user.save()
    if role in ROLE_GROUPS:
        user.groups.add(role_groups_ensure()[role])
    user.__dict__.pop("_portal_roles", None)
