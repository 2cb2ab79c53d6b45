/* Print buttons ([data-rk-print]) and data tables of charts that open for printing. */

/** Wire the print buttons under root and open its closed chart tables while printing. */
export function initPrint(root) {
  for (const button of root.querySelectorAll("[data-rk-print]")) {
    button.addEventListener("click", () => window.print());
  }
  /* Browsers without ::details-content: open the data tables for printing, close them after. */
  let opened = [];
  window.addEventListener("beforeprint", () => {
    for (const details of root.querySelectorAll("details.rk-chart-data:not([open])")) {
      details.open = true;
      opened.push(details);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
