/* Sortable comparison tables on wide screens.
 *
 * Uses Tablesort, vendored in javascripts/vendor/ (npm `tablesort` 5.7.1, dist/tablesort.min.js,
 * MIT licence in tablesort.LICENCE.txt; to update, `npm pack tablesort@VERSION` and copy both).
 * Tablesort sorts when a column header is clicked or focused and Enter is pressed, and sets
 * aria-sort on the header so screen readers announce the order. This file adds the Space key,
 * sorts numbers by value ("2-3 sessions" before "10 sessions"), keeps "Discussed at consultation"
 * cells last, and takes the headers out of the tab order while the table is shown as cards.
 *
 * Tablesort is fetched the first time someone sorts (most readers never do, and phones show the
 * table as cards): the headers are focusable from the start, and the first click or key press
 * loads it and then sorts.
 */
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.clinic-compare__table");
  if (!tables.length) return;

  var script = document.currentScript;
  var TABLESORT = new URL("vendor/tablesort.min.js", script ? script.src : location.href).href;
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  var NOT_GIVEN = "\uffff"; // sorts after every word
  var loading = null;

  function tablesort() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = TABLESORT;
        tag.onload = function () {
          // Tablesort expects sort functions in reverse order (see its caseInsensitiveSort).
          Tablesort.extend("clinic-natural", function () { return true; }, function (a, b) {
            return collator.compare(b, a);
          });
          resolve(Tablesort);
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function isCards(table) {
    return getComputedStyle(table).display !== "table";
  }

  function setUp(table) {
    table.querySelectorAll("tbody td.clinic-compare__open").forEach(function (cell) {
      cell.setAttribute("data-sort", NOT_GIVEN);
    });
    var headers = table.querySelectorAll("thead th");
    var sorter = null;

    // Until Tablesort is here, a click or Enter on a header loads it, then sorts by that column.
    function firstSort(event) {
      if (sorter || (event.type === "keydown" && event.key !== "Enter")) return;
      event.preventDefault();
      var header = event.currentTarget;
      tablesort().then(function (Sorter) {
        if (!sorter) {
          sorter = new Sorter(table);
          followLayout(); // Tablesort makes every header focusable
        }
        header.click(); // now Tablesort's own handler sorts
      });
    }

    headers.forEach(function (header) {
      header.classList.add("clinic-sortable");
      header.setAttribute("role", "columnheader");
      header.addEventListener("click", firstSort);
      header.addEventListener("keydown", firstSort);
      header.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          header.click();
        }
      });
    });

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

  tables.forEach(setUp);
})();
