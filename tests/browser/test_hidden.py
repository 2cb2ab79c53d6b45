"""Every element with the `hidden` attribute is really hidden, on one page of every type, after load.

Styles that set `display` (Material's `.md-button`, a flex or grid layout) beat the attribute unless
the site's CSS says `[hidden] { display: none !important; }`; a "hidden" confirm button then shows.
"""

import pytest
from playwright.sync_api import Page

from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

HIDDEN_PAGES = {
    **PAGES,
    "self-scan": "zelfscan/",
    "social map filtered with a profile": "sociale-kaart/?kader=vrijwillig&profiel=intieme-terreur",
}

# Each [hidden] element that, or whose descendant, the browser renders, as a short CSS path.
VISIBLE_HIDDEN = """() => {
    const name = (node) => {
        let text = node.localName;
        if (node.id) return `${text}#${node.id}`;
        for (const cls of node.classList) text += `.${cls}`;
        for (const attr of node.attributes) {
            if (attr.name.startsWith('data-rk-')) text += `[${attr.name}="${attr.value}"]`;
        }
        return text;
    };
    const path = (node) => {
        const parts = [];
        for (let n = node; n && n !== document.body && parts.length < 4; n = n.parentElement) {
            parts.unshift(name(n));
            if (n.id) break;
        }
        return parts.join(' > ');
    };
    const offenders = [];
    for (const hidden of document.querySelectorAll('[hidden]')) {
        const shown = [hidden, ...hidden.querySelectorAll('*')].find((n) => n.checkVisibility());
        if (shown) offenders.push(shown === hidden ? path(hidden) : `${path(shown)} in ${path(hidden)}`);
    }
    return offenders;
}"""


@pytest.mark.parametrize("path", HIDDEN_PAGES.values(), ids=HIDDEN_PAGES.keys())
def test_no_hidden_element_is_visible(page: Page, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.evaluate(VISIBLE_HIDDEN) == []
