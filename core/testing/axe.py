"""axe-core in a Playwright page: the serious and critical violations of the WCAG 2.1 A/AA and best-practice
rules. axe-core (MPL-2.0, header kept in the file) is the copy bundled by the axe-playwright-python
package, read from disk, never from a CDN."""

SERIOUS = {"serious", "critical"}


def axe_source():
    from axe_playwright_python.base import AXE_FILE_PATH

    return AXE_FILE_PATH.read_text(encoding="utf-8")


def serious_violations(page, source):
    # evaluate() runs outside the page's CSP, which forbids inline and foreign scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    results = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results["violations"] if v["impact"] in SERIOUS
    ]


def violations_on_pages(page, urls, source, viewports: dict) -> dict:
    """{"<url> (<viewport name>)": [violations]} for every page at every viewport that has any; each page
    must answer 200."""
    found = {}
    for name, viewport in viewports.items():
        page.set_viewport_size(viewport)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            problems = serious_violations(page, source)
            if problems:
                found[f"{url} ({name})"] = problems
    return found
