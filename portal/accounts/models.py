"""Users belong to an organisation: municipal staff to a barneverntjeneste, centre staff to a
provider, Statsforvalter staff to an embete. What they may do follows from their role group and
that organisation (see ``roles.py``)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    service = models.ForeignKey(
        "organisations.ChildWelfareService",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name="barneverntjeneste",
    )
    provider = models.ForeignKey(
        "organisations.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name="kompetansesenter",
    )
    embete = models.ForeignKey(
        "organisations.Embete",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name="statsforvalterembete",
    )
    job_title = models.CharField("stilling/rolle", max_length=120, blank=True)
    # Centres choose how they hear about routed needs (the Needs issue reads this).
    notify_immediately = models.BooleanField("varsle straks (ellers daglig oppsummering)", default=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "bruker"
        verbose_name_plural = "brukere"
        swappable = "AUTH_USER_MODEL"
