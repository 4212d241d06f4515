/* Let keyboard users scroll wide Markdown tables on small screens.
 *
 * Material wraps each Markdown table in a .md-typeset__scrollwrap box that scrolls sideways but
 * cannot be reached with the keyboard (axe rule scrollable-region-focusable). This makes each box
 * focusable (arrow keys then scroll it) and names it for screen readers. Loaded only on pages
 * with a Markdown table (see overrides/main.html); `document$` is Material's page-ready signal.
 */
(function () {
  "use strict";
  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var caption = box.querySelector("caption");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
    });
  }
  if (window.document$) {
    window.document$.subscribe(reachable);
  } else {
    reachable();
  }
})();
