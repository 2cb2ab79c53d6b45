// Added by `regiokaart serve` to every page it serves; never part of the built site.
// Polls the build status: reloads the page after a successful rebuild and shows the problems of a
// failed one in an overlay, until they are fixed. The portal's Content-Security-Policy allows no
// inline script or style attribute in HTML, so the overlay is made with the DOM and styled
// through element.style.
(() => {
  "use strict";

  const STATUS_URL = "/__regiokaart__/status";
  const POLL_MS = 250; // a rebuild of one page takes about a second
  const RED = "#b00020"; // 7.3:1 on white

  // The number of good builds when serve read this page (a page read during a build reloads
  // after it, also when it ends before the first poll).
  const served = Number.parseInt(document.currentScript?.dataset.build ?? "", 10);
  const state = { build: Number.isNaN(served) ? null : served, problems: [], closed: "" };
  let overlay = null;
  let overlayProblems = "";

  function poll() {
    fetch(STATUS_URL, { cache: "no-store" })
      .then((response) => response.json())
      .then(update)
      .catch(() => {}) // serve is restarting or stopped; try again
      .finally(() => setTimeout(poll, POLL_MS));
  }

  function update(status) {
    if (state.build !== null && status.build !== state.build) {
      window.location.reload();
      return;
    }
    state.build = status.build;
    state.problems = status.problems;
    render();
  }

  function close() {
    state.closed = JSON.stringify(state.problems);
    render();
  }

  function render() {
    const problems = JSON.stringify(state.problems);
    const wanted = state.problems.length > 0 && state.closed !== problems;
    if (overlay && (!wanted || overlayProblems !== problems)) {
      overlay.remove();
      overlay = null;
    }
    if (wanted && !overlay) {
      overlay = makeOverlay(state.problems);
      overlayProblems = problems;
      // First in the body, so it is also first in the keyboard order.
      document.body.prepend(overlay);
    }
  }

  function makeOverlay(problems) {
    const box = element("div", {
      position: "fixed",
      left: "0",
      right: "0",
      bottom: "0",
      zIndex: "2147483647",
      maxHeight: "50vh",
      overflowY: "auto",
      padding: "16px 20px",
      background: "#ffffff",
      color: "#1a1a1a",
      borderTop: `6px solid ${RED}`,
      boxShadow: "0 -4px 16px rgba(0, 0, 0, 0.3)",
      font: "16px/1.5 system-ui, sans-serif",
      textAlign: "left",
    });
    box.id = "regiokaart-bouwfout";
    box.lang = "nl";
    box.setAttribute("role", "alert");

    const title = element(
      "p",
      { margin: "0 0 8px", fontWeight: "bold", fontSize: "18px", color: RED },
      "Bouwen mislukt: u ziet nog de vorige versie",
    );
    const hint = element(
      "p",
      { margin: "0 0 8px" },
      "Herstel deze problemen en bewaar het bestand; de pagina laadt opnieuw zodra het bouwen lukt.",
    );
    const list = element("ul", { margin: "0 0 12px", paddingLeft: "20px" });
    for (const problem of problems) {
      const item = element("li", { margin: "0 0 4px" });
      item.append(
        element(
          "code",
          {
            font: "15px/1.5 ui-monospace, monospace",
            whiteSpace: "pre-wrap",
            overflowWrap: "anywhere",
            color: "#1a1a1a",
            background: "transparent",
          },
          problem, // textContent: a value from the data is shown, never parsed as HTML
        ),
      );
      list.append(item);
    }
    const button = element(
      "button",
      {
        font: "inherit",
        padding: "6px 16px",
        border: `2px solid ${RED}`,
        borderRadius: "4px",
        background: RED,
        color: "#ffffff",
        cursor: "pointer",
        outlineOffset: "2px",
      },
      "Sluiten",
    );
    button.type = "button";
    button.addEventListener("click", close);

    box.append(title, hint, list, button);
    return box;
  }

  function element(tag, style, text) {
    const node = document.createElement(tag);
    Object.assign(node.style, style);
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  poll();
})();
