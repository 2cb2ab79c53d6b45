"""Benchmark, browser part: the social map of a built portal, measured in headless Chromium.

Run: .venv/bin/python -m bench.socialmap_browser SITE_DIR [--clicks 15 --words begeleiding,...]
(bench/run.py calls it after its build.) Serves SITE_DIR on localhost and measures sociale-kaart/
in Debian's Chromium (/usr/bin/chromium, through Playwright; nothing is downloaded):
  - transfer on first load: uncompressed response bodies from navigation until network idle;
  - interactive after: navigation start until the map's root gets data-rk-ready;
  - DOM elements once ready;
  - filter click (ticking, unticking a checkbox) and keystroke in the search box: median ms
    from the input until the map's rk-rendered event plus one animation frame;
  - cumulative layout shift on a phone (375x740) on first load, until network idle + 1 s.
Each figure is printed with its goal and "ok" or "TE HOOG"; nothing is asserted.

The contract with the social map (theme/assets/js/socialmap.js): its root [data-rk-socialmap]
gets the attribute data-rk-ready once it is interactive, and it dispatches the event rk-rendered on
the root after every render of results.
"""

import argparse
import contextlib
import functools
import http.server
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Request, ViewportSize, sync_playwright

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE = "sociale-kaart/"
ROOT_SELECTOR = "[data-rk-socialmap]"
BOXES = "form#rk-filters input[type=checkbox]"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 740}
WORDS = ("begeleiding", "huisverbod", "training")
EVENT_TIMEOUT_MS = 5000
READY_TIMEOUT_MS = 60_000

# Goals (the figure must be at most this; layout shift below it).
GOAL_TRANSFER_KB = 500
GOAL_READY_MS = 1000
GOAL_DOM = 5000
GOAL_INPUT_MS = 50
GOAL_CLS = 0.1

# Installed before any of the page's scripts: the moment the root gets data-rk-ready.
READY_SCRIPT = """
(() => {
  const seen = () => {
    if (window.__rkReadyAt !== undefined) return true;
    const root = document.querySelector("[data-rk-socialmap]");
    if (root && root.hasAttribute("data-rk-ready")) {
      window.__rkReadyAt = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-rk-ready"],
  });
})();
"""

# Installed before any of the page's scripts: the sum of layout shifts not caused by input.
CLS_SCRIPT = """
(() => {
  window.__rkCls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__rkCls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
})();
"""

# One measured input: arg.act is "click" (arg.box is clicked) or "type" (the search box gets
# arg.value and an input event). Time from just before the input until rk-rendered on the root
# plus one animation frame, or {error} when the event does not come within arg.timeout ms.
MEASURE_SCRIPT = """
async (arg) => {
  const root = document.querySelector("[data-rk-socialmap]");
  const t0 = performance.now();
  let timer;
  const rendered = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), arg.timeout);
    root.addEventListener("rk-rendered", () => resolve(), { once: true });
  });
  if (arg.act === "click") {
    arg.box.click();
  } else {
    const input = document.querySelector("#rk-q");
    input.value = arg.value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  try {
    await rendered;
  } catch (error) {
    return { error: `no rk-rendered event on the social map's root within ${arg.timeout} ms` };
  } finally {
    clearTimeout(timer);
  }
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return { ms: performance.now() - t0 };
}
"""

# Make a checkbox visible if it is folded away: open its <details> and press the closed buttons
# (aria-expanded="false") that control one of its containers. True if it is visible then.
REVEAL_SCRIPT = """
(box) => {
  const shown = () => box.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  if (shown()) return true;
  for (let node = box.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS" && !node.open) node.open = true;
    if (node.id) {
      const button = document.querySelector(
        `[aria-controls~="${CSS.escape(node.id)}"][aria-expanded="false"]`
      );
      if (button) button.click();
    }
  }
  return shown();
}
"""


class MeasureError(Exception):
    """The social map did not keep its contract (no ready attribute, no rk-rendered event)."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker (the browser tests serve with this too) throttles every host to a few
        # requests a second unless the server sends this.
        self.send_header("LinkChecker", "allow")
        super().end_headers()


class _QuietWithCors(_Quiet):
    """As a regional portal's host should answer (README, federation): any origin may read its
    files, so the national overview's search can merge its Pagefind index."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops a download it no longer needs (a page left, a test ended): no traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, *, cors: bool = False) -> Iterator[str]:
    """The folder over HTTP on a free localhost port, from a thread, while the block runs; with
    cors, readable from any origin (Access-Control-Allow-Origin: *)."""
    handler = functools.partial(_QuietWithCors if cors else _Quiet, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Figures:
    transfer_bytes: int | None = None
    biggest: list[tuple[str, int]] = field(default_factory=list)
    requests: int = 0
    ready_ms: float | None = None
    dom_elements: int | None = None
    narrowing_ms: list[float] = field(default_factory=list)
    widening_ms: list[float] = field(default_factory=list)
    keystroke_ms: list[float] = field(default_factory=list)
    cls: float | None = None
    page_errors: list[str] = field(default_factory=list)
    # Why a figure is missing (the social map broke its contract, or the page failed).
    problems: list[str] = field(default_factory=list)


def _body_size(request: Request) -> int:
    try:
        response = request.response()
        return len(response.body()) if response else 0
    except Exception:  # a redirect or an aborted request has no body to read
        return 0


def _short(url: str, base: str) -> str:
    return url[len(base) :] if url.startswith(base) else url


def _measure(page: Page, arg: dict[str, object], what: str) -> float:
    result = page.evaluate(MEASURE_SCRIPT, {**arg, "timeout": EVENT_TIMEOUT_MS})
    if "error" in result:
        raise MeasureError(f"{what}: {result['error']}")
    return float(result["ms"])


class Traffic:
    """The page's requests: which are under way, when the last one started or ended."""

    def __init__(self, page: Page) -> None:
        self.pending: set[Request] = set()
        self.finished: list[Request] = []
        self.last = time.monotonic()
        page.on("request", lambda request: self._start(request))
        page.on("requestfinished", lambda request: self._end(request, finished=True))
        page.on("requestfailed", lambda request: self._end(request, finished=False))

    def _start(self, request: Request) -> None:
        self.pending.add(request)
        self.last = time.monotonic()

    def _end(self, request: Request, finished: bool) -> None:
        self.pending.discard(request)
        if finished:
            self.finished.append(request)
        self.last = time.monotonic()

    def wait_idle(self, page: Page, quiet: float = 0.5, timeout: float = 60) -> None:
        """Until no request has been under way for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while self.pending or time.monotonic() - self.last < quiet:
            if time.monotonic() > deadline:
                raise MeasureError(f"the network did not become idle within {timeout:g} s")
            page.wait_for_timeout(50)


def load(page: Page, base: str) -> tuple[Traffic, str | None]:
    """Navigate to the social map and wait until its load event, its ready attribute and network
    idle; the traffic, and why the map did not get ready (None if it did)."""
    traffic = Traffic(page)
    try:
        page.goto(base + PAGE, wait_until="load", timeout=READY_TIMEOUT_MS)
    except Exception as error:
        raise MeasureError(f"loading {PAGE} failed: {str(error).splitlines()[0]}") from error
    not_ready = None
    try:
        page.wait_for_selector(
            f"{ROOT_SELECTOR}[data-rk-ready]", state="attached", timeout=READY_TIMEOUT_MS
        )
    except Exception:
        not_ready = (
            f"the social map's root {ROOT_SELECTOR} did not get data-rk-ready within "
            f"{READY_TIMEOUT_MS} ms"
        )
    traffic.wait_idle(page)
    return traffic, not_ready


def first_load(browser: Browser, base: str, figures: Figures) -> Page:
    """Desktop first load: transfer, ready time and DOM size; the page stays open for input."""
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.on("pageerror", lambda error: figures.page_errors.append(str(error)))
    page.add_init_script(READY_SCRIPT)
    traffic, not_ready = load(page, base)
    sizes = [(_short(request.url, base), _body_size(request)) for request in traffic.finished]
    figures.requests = len(sizes)
    figures.transfer_bytes = sum(size for _, size in sizes)
    figures.biggest = sorted(sizes, key=lambda item: -item[1])[:5]
    if not_ready:
        context.close()
        raise MeasureError(not_ready)
    ready_at = page.evaluate("window.__rkReadyAt")
    if ready_at is None:
        context.close()
        raise MeasureError("data-rk-ready was set but the observer did not see it (bench bug)")
    figures.ready_ms = float(ready_at)
    figures.dom_elements = int(page.evaluate("document.getElementsByTagName('*').length"))
    return page


def filter_clicks(page: Page, clicks: int, figures: Figures) -> None:
    """Tick and untick `clicks` different visible facet checkboxes (round the list if fewer)."""
    boxes = [box for box in page.query_selector_all(BOXES) if box.evaluate(REVEAL_SCRIPT)]
    if not boxes:
        raise MeasureError(f"no visible filter checkbox ({BOXES})")
    for i in range(clicks):
        box = boxes[i % len(boxes)]
        name = box.get_attribute("id") or box.get_attribute("value") or "?"
        if box.is_checked():  # left ticked by the page (e.g. from its address): start from clear
            _measure(page, {"act": "click", "box": box}, f"unticking {name}")
        figures.narrowing_ms.append(
            _measure(page, {"act": "click", "box": box}, f"ticking filter {name}")
        )
        figures.widening_ms.append(
            _measure(page, {"act": "click", "box": box}, f"unticking filter {name}")
        )


def keystrokes(page: Page, words: tuple[str, ...], figures: Figures) -> None:
    """Each word letter by letter in #rk-q, then cleared; every step is one measurement."""
    if page.query_selector("#rk-q") is None:
        raise MeasureError("no search box #rk-q")
    for word in words:
        for end in range(1, len(word) + 1):
            figures.keystroke_ms.append(
                _measure(page, {"act": "type", "value": word[:end]}, f"typing {word[:end]!r}")
            )
        figures.keystroke_ms.append(
            _measure(page, {"act": "type", "value": ""}, f"clearing {word!r}")
        )


def phone_layout_shift(browser: Browser, base: str, figures: Figures) -> None:
    # Only the viewport: with is_mobile/has_touch Chromium marks the load's shifts hadRecentInput,
    # which would hide them.
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: figures.page_errors.append(str(error)))
        page.add_init_script(CLS_SCRIPT)
        load(page, base)
        page.wait_for_timeout(1000)
        figures.cls = float(page.evaluate("window.__rkCls"))
    finally:
        context.close()


def measure(site: Path, clicks: int = 15, words: tuple[str, ...] = WORDS) -> Figures:
    """All figures of the social map in the built site folder `site`."""
    if not (site / PAGE / "index.html").is_file():
        raise MeasureError(f"{site / PAGE / 'index.html'} is missing: not a built portal")
    if not Path(CHROMIUM).exists():
        raise MeasureError(f"Debian's Chromium ({CHROMIUM}) is missing; run scripts/setup.sh")
    figures = Figures()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = None
            try:
                page = first_load(browser, base, figures)
                for part, values in (
                    (lambda: filter_clicks(page, clicks, figures), figures.widening_ms),
                    (lambda: keystrokes(page, words, figures), figures.keystroke_ms),
                ):
                    try:
                        part()
                    except MeasureError as error:
                        figures.problems.append(str(error))
                        values.clear()  # a part measured only partly is not reported
            except MeasureError as error:
                figures.problems.append(str(error))
            finally:
                if page is not None:
                    page.context.close()
            if len(figures.narrowing_ms) != len(figures.widening_ms):
                figures.narrowing_ms.clear()
                figures.widening_ms.clear()
            try:
                phone_layout_shift(browser, base, figures)
            except MeasureError as error:
                figures.problems.append(str(error))
        finally:
            browser.close()
    return figures


# The labels of the printed figures, in order (tests/test_bench.py looks for them).
LABELS = (
    "social map first-load transfer:",
    "social map interactive after:",
    "social map DOM elements:",
    "social map filter narrowing:",
    "social map filter widening:",
    "social map keystroke:",
    "social map layout shift (375px):",
)


def line(label: str, value: float | None, unit: str, goal: float, extra: str = "") -> str:
    """One figure: label, value, goal and "ok" or "TE HOOG", aligned as bench/run.py's lines.
    The layout shift's goal is "below", the others' "at most"; a missing value is "niet gemeten"."""
    below = label == LABELS[-1]
    digits = 3 if below else 1 if unit == "ms" and label not in LABELS[:2] else 0
    shown = "-" if value is None else f"{value:.{digits}f}"
    goal_text = f"{'<' if below else '<='} {goal:g}{' ' + unit if unit else ''}"
    if value is None:
        verdict = "niet gemeten"
    else:
        verdict = "ok" if (value < goal if below else value <= goal) else "TE HOOG"
    return f"{label:<32}{shown:>8}{' ' + unit if unit else '':<3}   goal {goal_text:<10} {verdict}{extra}"


def report(figures: Figures) -> list[str]:
    """The printed lines: the figures in the order of LABELS, the biggest resources indented."""
    transfer, ready, dom, narrowing, widening, keystroke, shift = LABELS
    kb = None if figures.transfer_bytes is None else figures.transfer_bytes / 1000
    extra = f"   ({figures.requests} requests; biggest:)" if kb is not None else ""
    lines = [line(transfer, kb, "kB", GOAL_TRANSFER_KB, extra)]
    lines += [f"{'':<4}{size / 1000:>8.0f} kB  {url}" for url, size in figures.biggest]
    lines.append(line(ready, figures.ready_ms, "ms", GOAL_READY_MS))
    lines.append(line(dom, figures.dom_elements, "", GOAL_DOM))
    for label, values in (
        (narrowing, figures.narrowing_ms),
        (widening, figures.widening_ms),
        (keystroke, figures.keystroke_ms),
    ):
        median = statistics.median(values) if values else None
        extra = f"   (median of {len(values)}, max {max(values):.1f} ms)" if values else ""
        lines.append(line(label, median, "ms", GOAL_INPUT_MS, extra))
    lines.append(line(shift, figures.cls, "", GOAL_CLS))
    lines += [f"social map not measured: {problem}" for problem in figures.problems]
    if figures.page_errors:
        lines.append(f"social map JavaScript errors: {figures.page_errors[:3]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, help="a built portal folder (with sociale-kaart/)")
    parser.add_argument("--clicks", type=int, default=15, help="checkboxes ticked and unticked")
    parser.add_argument("--words", default=",".join(WORDS), help="comma-separated search words")
    args = parser.parse_args(argv)
    words = tuple(word for word in args.words.split(",") if word)
    try:
        figures = measure(args.site, clicks=args.clicks, words=words)
    except MeasureError as error:
        print(f"social map not measured: {error}")
        return 1
    for text in report(figures):
        print(text)
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
