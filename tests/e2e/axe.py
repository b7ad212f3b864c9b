"""axe-core in the page under test: zero serious or critical WCAG 2.1 A/AA violations.

axe is injected with ``page.evaluate`` (DevTools' Runtime.evaluate), which the page's
Content-Security-Policy does not govern, so the policy stays fully in force for the site's own
scripts: a ``bypass_csp`` context would also hide the site's own CSP violations, which the browser
tests watch for (tests/e2e/conftest.py). ``page.add_script_tag`` adds an inline ``<script>``, which
the policy blocks (no 'unsafe-inline', no nonce for it).
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")

_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 240), summary: n.failureSummary})),
  }));
}"""


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
    """The WCAG 2.1 A/AA violations on the page as it is now, of the given impacts."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS)
    return [v for v in page.evaluate(_RUN, WCAG_TAGS) if v["impact"] in impacts]


def axe_report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page, what: str = "") -> None:
    """Fail with axe's findings when the page has serious or critical WCAG 2.1 A/AA violations."""
    violations = axe_violations(page)
    assert not violations, f"axe: {what or page.url}\n{axe_report(violations)}"
