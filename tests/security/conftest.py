"""Users per role and real objects to fill path parameters with, for the permission matrix."""

from __future__ import annotations

import pytest

from .permission_table import ROLE_USERS

NEED_TEXT = (
    "Vi ønsker veiledning over tid i traumebevisst omsorg for hele tjenesten, og hjelp til å få det til "
    "å feste seg i praksis etter kurset."
)


@pytest.fixture
def role_users(demo_users) -> dict:
    """Role name (permission_table.ROLES) → demo user, or None for the anonymous visitor."""
    return {role: (demo_users[name] if name else None) for role, name in ROLE_USERS.items()}


def _route_only_to(need, slugs: tuple[str, ...]) -> None:
    """Routing is the matcher's business; fix it here so the expectations do not follow its ranking."""
    from django.utils import timezone

    from portal.needs.models import NeedRoute
    from portal.organisations.models import Provider

    NeedRoute.objects.filter(need=need).exclude(provider__slug__in=slugs).delete()
    for slug in slugs:
        NeedRoute.objects.update_or_create(
            need=need,
            provider=Provider.objects.get(slug=slug),
            defaults={"routed": True, "routed_at": timezone.now()},
        )


def _need(user, title: str, *, publish: bool = True, visibility: str = "matched", route_to=("rkbu-nord",)):
    from portal.needs import services

    data = services.NeedInput(title=title, description=NEED_TEXT, visibility=visibility)
    need, _ = services.need_create(user=user, data=data, strict_personal_data=False)
    if publish:
        services.need_publish(need=need, user=user)
        _route_only_to(need, route_to)
        need.refresh_from_db()
    return need


def _document():
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document(title="Årsplan (test)")
    document.file.save("arsplan.txt", ContentFile(b"Plan for samlinger.\n"), save=False)
    document.save()
    return document


def _restrictions(page) -> tuple[int, int]:
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    page_restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig-passord-123"
    )
    collection = Collection.get_first_root_node().add_child(name="Begrenset (test)")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="hemmelig-passord-123",
    )
    return page_restriction.pk, collection_restriction.pk


@pytest.fixture
def objects(role_users) -> dict:
    """Object name (used in permission_table) → the value that fills a path parameter."""
    from wagtail.models import Page

    from katalog.models import OfferingPage, ProviderPage, YearlyOverviewPage
    from portal.needs import services

    municipal, other_service = role_users["municipal"], role_users["municipal_other"]
    need = _need(municipal, "Traumebevisst omsorg (rutet til RKBU Nord)")
    interest = services.interest_express(need=need, user=role_users["centre"], message="Vi kan hjelpe.")
    need_fresh = _need(municipal, "Ingen har svart ennå (rutet til RKBU Nord)")
    need_other = _need(other_service, "Lederstøtte (Grünerløkka, rutet til NUBU)", route_to=("nubu",))
    need_opted_in = _need(municipal, "Vist for Statsforvalteren", visibility="statsforvalter")
    draft = _need(municipal, "Et utkast", publish=False)
    agreed = _need(municipal, "Avtalt med RKBU Nord")
    agreed_interest = services.interest_express(need=agreed, user=role_users["centre"])
    services.need_agree(need=agreed, user=municipal, interest_ids=[agreed_interest.pk])
    delivered = _need(municipal, "Levert av RKBU Nord")
    delivered_interest = services.interest_express(need=delivered, user=role_users["centre"])
    services.need_agree(need=delivered, user=municipal, interest_ids=[delivered_interest.pk])
    services.need_deliver(need=delivered, user=role_users["centre"])

    def offering_of(slug: str):
        return (
            OfferingPage.objects.live().descendant_of(ProviderPage.objects.get(provider__slug=slug)).first()
        )

    offering, offering_other = offering_of("rkbu-nord"), offering_of("nubu")
    overview = YearlyOverviewPage.objects.get(embete__slug="troms-og-finnmark", year=2027)
    overview_other = YearlyOverviewPage.objects.get(embete__slug="vestland", year=2027)
    document = _document()
    restricted_page = Page.objects.get(url_path__endswith="/personvern/")
    page_restriction, collection_restriction = _restrictions(restricted_page)
    return {
        "need": need.pk,
        "need_fresh": need_fresh.pk,
        "need_other_service": need_other.pk,
        "need_opted_in": need_opted_in.pk,
        "draft": draft.pk,
        "need_agreed": agreed.pk,
        "need_delivered": delivered.pk,
        "interest": interest.pk,
        "provider": "rkbu-nord",
        "embete": "troms-og-finnmark",
        "embete_other": "vestland",
        "offering_page": offering.pk,
        "offering_page_other": offering_other.pk,
        "overview_page": overview.pk,
        "overview_page_other": overview_other.pk,
        "document": document.pk,
        "document_file": document.filename,
        "page_restriction": page_restriction,
        "collection_restriction": collection_restriction,
        "restricted_page": restricted_page.pk,
    }
