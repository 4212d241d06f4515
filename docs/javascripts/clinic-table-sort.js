/* Sortable comparison tables on wide screens.
 *
 * Uses Tablesort, vendored in javascripts/vendor/ (npm `tablesort` 5.7.1, dist/tablesort.min.js,
 * MIT licence in tablesort.LICENCE.txt; to update, `npm pack tablesort@VERSION` and copy both).
 * Tablesort sorts when a column header is clicked or focused and Enter is pressed, and sets
 * aria-sort on the header so screen readers announce the order. This file adds the Space key,
 * sorts numbers by value ("2-3 sessions" before "10 sessions"), keeps "Discussed at consultation"
 * cells last, and takes the headers out of the tab order while the table is shown as cards.
 */
(function () {
  "use strict";
  if (typeof Tablesort !== "function") return;

  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  var NOT_GIVEN = "\uffff"; // sorts after every word

  // Tablesort expects sort functions in reverse order (see its caseInsensitiveSort).
  Tablesort.extend("clinic-natural", function () { return true; }, function (a, b) {
    return collator.compare(b, a);
  });

  function isCards(table) {
    return getComputedStyle(table).display !== "table";
  }

  function setUp(table) {
    table.querySelectorAll("tbody td.clinic-compare__open").forEach(function (cell) {
      cell.setAttribute("data-sort", NOT_GIVEN);
    });
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (header) {
      header.classList.add("clinic-sortable");
      header.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          header.click();
        }
      });
    });
    new Tablesort(table);

    // Headers are hidden (but still read) in the card layout: keep them out of the tab order.
    function followLayout() {
      var cards = isCards(table);
      headers.forEach(function (header) {
        header.tabIndex = cards ? -1 : 0;
      });
    }
    followLayout();
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(followLayout).observe(table.parentElement);
    }
  }

  document.querySelectorAll("table.clinic-compare__table").forEach(setUp);
})();
