"""Demo services and one demo user per role (development only; passwords are in the README)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from portal.organisations.models import (
    ChildWelfareService,
    Embete,
    Municipality,
    Provider,
    ServiceCoverage,
    ServiceKind,
)

from .models import User
from .roles import Role, role_groups_ensure, user_assign_role

# (name, kind, host municipality number, covered municipality numbers, staff count)
DEMO_SERVICES = [
    ("Barneverntjenesten i Tromsø", ServiceKind.KOMMUNAL, "5501", ["5501"], 62),
    (
        "Øst-Finnmark barneverntjeneste",
        ServiceKind.INTERKOMMUNAL,
        "5607",
        ["5607", "5634", "5636", "5628"],
        14,
    ),
    ("Barneverntjenesten i Alta", ServiceKind.KOMMUNAL, "5601", ["5601"], 24),
    ("Barneverntjenesten i Bodø", ServiceKind.KOMMUNAL, "1804", ["1804"], 38),
    ("Barneverntenesta for Ørsta og Volda", ServiceKind.INTERKOMMUNAL, "1577", ["1577", "1520"], 16),
    ("Barneverntjenesten i Trondheim", ServiceKind.KOMMUNAL, "5001", ["5001"], 140),
    ("Barneverntjenesten i Bergen", ServiceKind.KOMMUNAL, "4601", ["4601"], 210),
    ("Bydel Grünerløkka barneverntjeneste", ServiceKind.BYDEL, "0301", ["0301"], 45),
    ("Barneverntjenesten i Lillehammer", ServiceKind.KOMMUNAL, "3405", ["3405"], 22),
    ("Barneverntjenesten i Kristiansand", ServiceKind.KOMMUNAL, "4204", ["4204"], 95),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    role: Role | None
    job_title: str
    service: str | None = None
    provider: str | None = None
    embete: str | None = None
    extra_groups: tuple[str, ...] = ()


# Fictional people; the README lists these logins. Development only.
DEMO_USERS = [
    DemoUser("admin", "demo-admin-2026", "Ada", "Administrator", Role.ADMIN, "Systemansvarlig"),
    DemoUser("redaktor", "demo-redaktor-2026", "Rune", "Redaktør", Role.EDITOR, "Portalredaktør"),
    DemoUser(
        "kommune",
        "demo-kommune-2026",
        "Kari",
        "Kommune",
        Role.MUNICIPAL,
        "Barnevernleder",
        service="Øst-Finnmark barneverntjeneste",
    ),
    DemoUser(
        "kommune-oslo",
        "demo-kommune-2026",
        "Omar",
        "Oslo",
        Role.MUNICIPAL,
        "Fagutviklingsansvarlig",
        service="Bydel Grünerløkka barneverntjeneste",
    ),
    DemoUser(
        "senter", "demo-senter-2026", "Siri", "Senter", Role.CENTRE, "Fagkoordinator", provider="rkbu-nord"
    ),
    DemoUser(
        "senter-rvts",
        "demo-senter-2026",
        "Rolf",
        "Ressurs",
        Role.CENTRE,
        "Fagkoordinator",
        provider="rvts-nord",
    ),
    DemoUser(
        "senter-nubu",
        "demo-senter-2026",
        "Nina",
        "Nubu",
        Role.CENTRE,
        "Regional koordinator",
        provider="nubu",
    ),
    DemoUser(
        "senter-redaktor",
        "demo-senter-2026",
        "Erik",
        "Editor",
        Role.CENTRE,
        "Kommunikasjonsrådgiver",
        provider="rkbu-nord",
        extra_groups=("RKBU Nord – redaktører",),
    ),
    DemoUser(
        "senter-moderator",
        "demo-senter-2026",
        "Mona",
        "Moderator",
        Role.CENTRE,
        "Fagsjef",
        provider="rkbu-nord",
        extra_groups=("RKBU Nord – moderatorer",),
    ),
    DemoUser(
        "statsforvalter",
        "demo-statsforvalter-2026",
        "Stein",
        "Statsforvalter",
        Role.STATSFORVALTER,
        "Seniorrådgiver barnevern",
        embete="troms-og-finnmark",
    ),
    DemoUser(
        "statsforvalter-vestland",
        "demo-statsforvalter-2026",
        "Vigdis",
        "Vestland",
        Role.STATSFORVALTER,
        "Rådgiver barnevern",
        embete="vestland",
    ),
    DemoUser("bufdir", "demo-bufdir-2026", "Bjørn", "Bufdir", Role.BUFDIR, "Seniorrådgiver"),
]


def demo_services_load() -> dict[str, ChildWelfareService]:
    from portal.base.text import norwegian_slugify

    services = {}
    for name, kind, host_number, covered, staff in DEMO_SERVICES:
        service, _ = ChildWelfareService.objects.get_or_create(
            name=name,
            defaults={
                "slug": norwegian_slugify(name),
                "kind": kind,
                "host_municipality": Municipality.objects.get(number=host_number),
                "staff_count": staff,
            },
        )
        for number in covered:
            ServiceCoverage.objects.get_or_create(
                service=service, municipality=Municipality.objects.get(number=number)
            )
        services[name] = service
    return services


def _organisation(user: DemoUser, services: dict[str, ChildWelfareService]):
    if user.service:
        return services[user.service]
    if user.provider:
        return Provider.objects.get(slug=user.provider)
    if user.embete:
        return Embete.objects.get(slug=user.embete)
    return None


@transaction.atomic
def demo_users_load() -> list[User]:
    """Idempotent: existing demo users keep their passwords and any changes made to them."""
    role_groups_ensure()
    services = demo_services_load()
    users = []
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.invalid",
                job_title=spec.job_title,
            )
            user.set_password(spec.password)
            user.save()
            if spec.role is not None:
                user_assign_role(user=user, role=spec.role, organisation=_organisation(spec, services))
            for name in spec.extra_groups:
                user.groups.add(Group.objects.get(name=name))
        users.append(user)
    return users
