"""The page /beskriv-behovet/: guidance, results with reasons, honest no-fit, personal data flagged."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
URL = "/beskriv-behovet/"


def test_form_with_guidance(client):
    body = client.get(URL).content.decode()
    assert "Beskriv behovet med egne ord" in body
    assert "Ikke</strong> skriv navn" in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert '<optgroup label="Finnmark">' in body


def test_signed_in_municipal_user_gets_their_municipality_prefilled(client):
    client.login(username="kommune", password="demo-kommune-2026")
    body = client.get(URL).content.decode()
    assert '<option value="5607" selected>' in body  # Vadsø hosts Øst-Finnmark barneverntjeneste


def test_results_show_providers_with_reasons_and_offerings(client):
    response = client.post(
        URL,
        {
            "text": "Vi trenger veiledning av fosterhjem over tid og kurs i traumebevisst omsorg.",
            "municipality": "5601",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sentre som kan hjelpe" in body
    assert "Hvorfor:" in body and "Tilbud som passer:" in body
    assert "Hjemmesenteret deres" in body or "hjemmesenteret deres" in body
    assert 'name="adjust"' in body  # detected preferences can be corrected


def test_no_fit_is_said_plainly_with_who_to_ask(client):
    body = client.post(
        URL, {"text": "Vi får ikke rekruttert nye saksbehandlere og har mange ledige stillinger."}
    ).content.decode()
    assert "Ingen kompetansesenter passer godt" in body
    assert "Spør heller her" in body


def test_personal_data_is_highlighted_and_blocks_sending(client):
    client.login(username="kommune", password="demo-kommune-2026")
    text = "Vi trenger hjelp i saken 22/18469-1 om traumer hos et barn i fosterhjem."
    body = client.post(URL, {"text": text}).content.decode()
    assert "personopplysninger" in body
    assert '<mark class="pii pii--block">' in body
    assert "Fjern personopplysningene før du kan sende" in body
    assert "Send dette som et behov" not in body


def test_municipal_user_can_send_the_description_as_a_need(client):
    client.login(username="kommune", password="demo-kommune-2026")
    body = client.post(
        URL, {"text": "Vi trenger kurs i traumebevisst omsorg for fosterforeldre."}
    ).content.decode()
    assert 'action="/behov/ny/"' in body and 'name="prefill" value="1"' in body
    assert 'name="themes" value="T18"' in body


def test_invalid_input_keeps_the_text_and_explains(client):
    response = client.post(URL, {"text": "kort"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Beskrivelsen er for kort" in body
    assert "kort</textarea>" in body
    assert 'aria-invalid="true"' in body


def test_search_page_link_prefills_the_text(client):
    assert "skolevegring</textarea>" in client.get(URL + "?tekst=skolevegring").content.decode()


def test_municipality_select_renders_like_djangos_own(client):
    """The municipality list is rendered in Python for speed; it must give the same HTML as Django's
    Select (groups, escaping, the chosen option), so the form behaves exactly as before."""
    from django import forms

    from matching.forms import GroupedSelect, municipality_choices

    choices = [*municipality_choices(), ("<x>", "A & <b>")]
    for value in ("5601", "", None, "<x>"):
        ours = GroupedSelect(choices=choices).render("municipality", value, {"id": "id_municipality"})
        django = forms.Select(choices=choices).render("municipality", value, {"id": "id_municipality"})
        assert ours == "".join(line.strip() for line in django.splitlines())
