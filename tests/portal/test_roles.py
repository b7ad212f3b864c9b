"""Roles are groups; each role is tied to the organisation it requires."""

from __future__ import annotations

from django.core.exceptions import ValidationError

import pytest

from portal.accounts.models import User
from portal.accounts.roles import ROLE_GROUPS, Role, user_assign_role, user_roles

pytestmark = pytest.mark.django_db


def test_demo_users_have_one_role_each_and_their_organisation(demo_users):
    expected = {
        "admin": Role.ADMIN,
        "redaktor": Role.EDITOR,
        "kommune": Role.MUNICIPAL,
        "senter": Role.CENTRE,
        "statsforvalter": Role.STATSFORVALTER,
        "bufdir": Role.BUFDIR,
    }
    for username, role in expected.items():
        assert user_roles(demo_users[username]) == {role}, username
    assert demo_users["kommune"].service.name == "Øst-Finnmark barneverntjeneste"
    assert demo_users["senter"].provider.slug == "rkbu-nord"
    assert demo_users["statsforvalter"].embete.slug == "troms-og-finnmark"


def test_roles_requiring_an_organisation_refuse_without_one():
    user = User.objects.create_user("uten-org", password="x" * 12)
    for role in (Role.MUNICIPAL, Role.CENTRE, Role.STATSFORVALTER):
        with pytest.raises(ValidationError, match="krever"):
            user_assign_role(user=user, role=role)
    assert user_roles(User.objects.get(pk=user.pk)) == frozenset()


def test_bufdir_and_editor_need_no_organisation():
    user = User.objects.create_user("nasjonal", password="x" * 12)
    user_assign_role(user=user, role=Role.BUFDIR)
    assert user_roles(User.objects.get(pk=user.pk)) == {Role.BUFDIR}


def test_anonymous_has_no_roles(client):
    from django.contrib.auth.models import AnonymousUser

    assert user_roles(AnonymousUser()) == frozenset()
    assert user_roles(None) == frozenset()


def test_role_groups_exist_with_admin_access_only_where_needed():
    from django.contrib.auth.models import Group

    for role, name in ROLE_GROUPS.items():
        group = Group.objects.get(name=name)
        can_access_admin = group.permissions.filter(codename="access_admin").exists()
        assert can_access_admin == (role in {Role.CENTRE, Role.STATSFORVALTER, Role.EDITOR}), role
