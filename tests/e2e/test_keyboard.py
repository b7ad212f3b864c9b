"""Posting a need with the keyboard alone: Tab, Shift+Tab, Enter and Space (plus typing the text).

Checks on the way (WCAG 2.1.1 keyboard, 2.4.1 bypass blocks, 2.4.3 focus order, 2.4.7 focus visible):
the skip link is the first stop, shows itself and moves focus to <main>; the form's fields come in
reading order and end with its buttons; every stop shows a visible focus indicator.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from .helpers import PASSWORDS

pytestmark = pytest.mark.e2e

MAX_TABS = 250

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : "";
  return {
    tag: el.tagName.toLowerCase(), id: el.id || "", name: el.getAttribute("name") || "",
    type: el.getAttribute("type") || "", label: label.replace(/\\s+/g, " "),
    text: (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 80),
    visibleFocus: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    inView: box.bottom > 0 && box.top < window.innerHeight && box.width > 0 && box.height > 0,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(_FOCUSED)


def tab_until(page, wanted, *, backwards: bool = False, on_stop=None) -> list[dict]:
    """Press Tab (or Shift+Tab) until ``wanted(stop)`` holds; returns every stop on the way."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = focused(page)
        if stop is None:
            continue
        stops.append(stop)
        if on_stop:
            on_stop(stop)
        if wanted(stop):
            return stops
    pytest.fail(f"Never reached the wanted element with Tab; stops: {[s['text'] or s['id'] for s in stops]}")


def skip_to_main(page) -> None:
    """The first Tab lands on the skip link, which is then visible; Enter moves focus to <main>."""
    page.keyboard.press("Tab")
    stop = focused(page)
    assert stop and stop["text"] == "Hopp til hovedinnhold", f"first Tab stop was {stop}"
    assert stop["inView"], "the skip link must become visible when focused"
    assert stop["visibleFocus"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "hovedinnhold"


def _index(stops: list[dict], predicate) -> int:
    for i, stop in enumerate(stops):
        if predicate(stop):
            return i
    raise AssertionError(f"not among the focus stops: {[s['id'] or s['text'] for s in stops]}")


def test_post_a_need_with_the_keyboard_only(page, require_route):
    require_route("/behov/ny/")
    title = f"Lederstøtte til ny ledergruppe {uuid.uuid4().hex[:6]}"
    description = (
        "Ledergruppen er ny, og vi ønsker veiledning over tid i ledelse av endringsarbeid og "
        "implementering av nye arbeidsmåter i hele tjenesten."
    )

    # Log in: the username field has focus on arrival (Django's login form sets autofocus), the
    # password field comes next, Enter submits.
    page.goto("/logg-inn/")
    assert focused(page)["id"] == "id_username"
    page.keyboard.type("kommune")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORDS["kommune"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/min-side/$"))

    # Min side → the new-need form, by links.
    skip_to_main(page)
    tab_until(page, lambda s: s["tag"] == "a" and s["text"] == "Send et behov til sentrene")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/behov/ny/$"))

    # The form: type into the fields as focus reaches them; stop at the publish button.
    skip_to_main(page)
    typed = {"id_title": title, "id_description": description}

    def type_when_focused(stop):
        if stop["id"] in typed:
            page.keyboard.type(typed.pop(stop["id"]))

    stops = tab_until(page, lambda s: s["text"] == "Publiser behovet", on_stop=type_when_focused)
    assert not typed, f"focus never reached {list(typed)}"
    order = [
        _index(stops, lambda s: s["id"] == "id_title"),
        _index(stops, lambda s: s["id"] == "id_description"),
        _index(stops, lambda s: s["tag"] == "summary" and s["text"] == "Velg andre tema"),
        _index(stops, lambda s: s["name"] == "level"),
        _index(stops, lambda s: s["name"] == "visibility"),
        _index(stops, lambda s: s["tag"] == "summary" and s["text"] == "Flere valg"),
        _index(stops, lambda s: s["text"] == "Lagre utkast"),
        _index(stops, lambda s: s["text"] == "Publiser behovet"),
    ]
    assert order == sorted(order), f"focus order: {[s['id'] or s['text'] for s in stops]}"
    hidden_focus = [s for s in stops if not s["visibleFocus"]]
    assert not hidden_focus, f"focus not visible on: {hidden_focus}"
    # Radio groups are one stop each (arrow keys move within them), so only the checked one is reached.
    assert sum(1 for s in stops if s["name"] == "visibility") == 1

    # Shift+Tab goes back to «Lagre utkast», Tab forward again, Space presses the button.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Lagre utkast"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Publiser behovet"
    page.keyboard.press("Space")

    expect(page.get_by_text("Behovet er publisert.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_skip_link_on_public_pages(page):
    for path in ["/", "/sok/?q=fosterhjem", "/beskriv-behovet/", "/sentre/"]:
        page.goto(path)
        skip_to_main(page)
        # The next Tab goes into the main content, not back to the header.
        page.keyboard.press("Tab")
        inside_main = page.evaluate("() => !!document.activeElement.closest('main')")
        assert inside_main, f"{path}: Tab after the skip link left <main>"
