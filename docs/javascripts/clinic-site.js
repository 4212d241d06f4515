/* On every page: the header's menu and search buttons, and today's opening hours.
 *
 * Material opens its drawer and search with <label>s tied to hidden checkboxes, which a keyboard
 * cannot reach; overrides/partials/clinic/site-header.html adds real buttons that tick the same
 * checkboxes (so Material's own behaviour follows), report their state and move focus sensibly.
 * Today's hours: the sentences come from mkdocs.yml, prepared at build time; only the day is
 * picked here, in the clinic's time zone. */
(function () {
  "use strict";

  document.querySelectorAll("[data-clinic-toggle]").forEach(function (button) {
    var toggle = document.getElementById(button.getAttribute("data-clinic-toggle"));
    if (!toggle) return;
    var drawer = toggle.id === "__drawer";
    button.addEventListener("click", function () {
      toggle.click();
      if (!toggle.checked) return;
      if (drawer) {
        var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
        if (first) setTimeout(function () { first.focus(); }, 50);
      } else {
        var input = document.querySelector("[data-md-component=search-query]");
        if (input) input.focus();
      }
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    if (drawer) {
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.checked) {
          toggle.click();
          button.setAttribute("aria-expanded", "false");
          button.focus();
        }
      });
    }
  });

  document.querySelectorAll("[data-clinic-today]").forEach(function (line) {
    var sentences = JSON.parse(line.getAttribute("data-clinic-today"));
    var day = new Date().getDay();
    var zone = line.getAttribute("data-clinic-timezone");
    try {
      var name = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: zone || undefined }).format(new Date());
      day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(name);
    } catch (error) { /* an unknown zone: the reader's own day */ }
    line.textContent = sentences[day];
    line.hidden = false;
    var week = line.parentNode.querySelectorAll("[data-days]");
    week.forEach(function (row) {
      if (row.getAttribute("data-days").split(" ").indexOf(String(day)) >= 0) row.classList.add("clinic-hours__now");
    });
  });
})();
