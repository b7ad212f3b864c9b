"""/apne-data/: the open catalogue data with its licence, and its DCAT-AP-NO description (JSON-LD)."""

from __future__ import annotations

import json
import re

from django.db.models import Max

import pytest

from katalog.models import OfferingPage

pytestmark = pytest.mark.django_db

NLOD = "http://data.norge.no/nlod/no/2.0"


@pytest.fixture
def catalogue(client) -> dict:
    response = client.get("/apne-data/dcat.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def test_page_lists_the_api_and_exports_with_the_licence(client):
    response = client.get("/apne-data/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Norsk lisens for offentlige data" in body and "NLOD" in body
    for path in (
        "/api/v1/offerings/",
        "/api/v1/providers/",
        "/api/v1/taxonomy/",
        "/api/v1/export/hsds.json",
        "/api/v1/export/offerings.csv",
    ):
        assert f'href="{path}"' in body, path
    assert 'href="/apne-data/dcat.jsonld"' in body


def test_page_embeds_the_same_description_with_the_csp_nonce(client, catalogue):
    body = client.get("/apne-data/").content.decode()
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', body, re.S)
    assert match and match.group(1)
    assert json.loads(match.group(2)) == catalogue


def test_catalogue_is_dcat_ap_no(catalogue):
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dct:title"]["@language"] == "nb"
    assert catalogue["dct:publisher"]["foaf:name"]
    dataset = catalogue["dcat:dataset"][0]
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["dct:title"] == {"@language": "nb", "@value": "Tilbudskatalog for kommunalt barnevern"}
    assert dataset["dct:description"]["@language"] == "nb"
    assert dataset["dct:spatial"]["@id"] == "https://data.geonorge.no/administrativeEnheter/nasjon/id/173163"
    assert dataset["dct:accessRights"]["@id"].endswith("/access-right/PUBLIC")
    assert all(
        t["@id"].startswith("http://publications.europa.eu/resource/authority/data-theme/")
        for t in dataset["dcat:theme"]
    )
    assert dataset["dcat:contactPoint"]["@type"] == "vcard:Organization"
    assert dataset["dct:license"]["@id"] == NLOD
    newest = OfferingPage.objects.live().public().aggregate(n=Max("last_confirmed"))["n"]
    assert dataset["dct:modified"] == {"@type": "xsd:date", "@value": newest.isoformat()}


def test_distributions_have_urls_formats_and_licence_and_resolve(client, catalogue):
    distributions = catalogue["dcat:dataset"][0]["dcat:distribution"]
    assert len(distributions) == 5
    downloads = {
        d["dcat:downloadURL"]["@id"].split("testserver")[1] for d in distributions if "dcat:downloadURL" in d
    }
    assert downloads == {"/api/v1/export/hsds.json", "/api/v1/export/offerings.csv"}
    for distribution in distributions:
        assert distribution["@type"] == "dcat:Distribution"
        assert distribution["dct:license"]["@id"] == NLOD
        assert distribution["dct:format"]["@id"].startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        assert distribution["dcat:mediaType"]["@id"].startswith(
            "https://www.iana.org/assignments/media-types/"
        )
        path = distribution["dcat:accessURL"]["@id"].split("testserver")[1]
        assert client.get(path).status_code == 200, path


def test_published_overviews_are_a_dataset_and_drafts_are_not(catalogue, tf_overview, vestland_draft):
    overviews = next(d for d in catalogue["dcat:dataset"] if d["@id"].endswith("#arsoversikter"))
    urls = {d["dcat:downloadURL"]["@id"] for d in overviews["dcat:distribution"]}
    assert (
        f"http://testserver{tf_overview.csv_url}" in urls
        and f"http://testserver{tf_overview.ics_url}" in urls
    )
    assert not any("/vestland/" in url for url in urls)
