"""Statsforvalter users join their own embete's yearly-overview curator group automatically, whether
the role is given through ``user_assign_role``, the Wagtail user editor or the Django admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from katalog.services.overview import CURATOR_GROUP_SUFFIX, overview_curator_sync

User = get_user_model()


@receiver(post_save, sender=User, dispatch_uid="overviews_curator_sync_on_save")
def _user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "embete" not in update_fields):
        return  # e.g. last_login on every login
    overview_curator_sync(user=instance)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="overviews_curator_sync_on_groups")
def _user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or reverse or not isinstance(instance, User):
        return
    from django.contrib.auth.models import Group

    changed = Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True)
    if action != "post_clear" and all(name.endswith(CURATOR_GROUP_SUFFIX) for name in changed):
        return  # our own change: nothing more to do
    overview_curator_sync(user=instance)
