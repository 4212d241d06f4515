/* The treatment chooser on /compare/: narrow the comparison table to one concern, or pick 2 or 3
 * treatments to see side by side.
 *
 * Progressive enhancement: the controls (overrides/partials/clinic/treatment-chooser.html) are in
 * the page but `hidden`; this script reveals and runs them, so readers without JavaScript see the
 * whole table and no dead controls. The state lives in the URL query, e.g.
 * ?concern=acne-scars&treatments=dermaroller,prp, so a link can be shared and is restored on load.
 * Rows are only hidden (the `hidden` attribute), never moved or rebuilt, so sorting the table
 * and this filter work together.
 */
(function () {
  "use strict";

  var MAX_PICKS = 3;

  function tableAfter(form) {
    var tables = document.querySelectorAll(".clinic-compare table");
    for (var i = 0; i < tables.length; i++) {
      if (form.compareDocumentPosition(tables[i]) & Node.DOCUMENT_POSITION_FOLLOWING) return tables[i];
    }
    return null;
  }

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function lowerFirst(text) {
    return /^.[a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  }

  function Chooser(form, table) {
    this.form = form;
    this.select = form.querySelector("select[name=concern]");
    this.status = form.querySelector("[role=status]");
    this.rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-treatment]"));
    this.caption = table.querySelector("caption");
    this.captionText = this.caption ? this.caption.textContent : "";
    var inTable = {};
    this.rows.forEach(function (row) { inTable[row.getAttribute("data-treatment")] = true; });
    // Only treatments and concerns that this table shows can be chosen.
    this.options = Array.prototype.slice.call(form.querySelectorAll("li[data-treatment]")).filter(function (item) {
      if (inTable[item.getAttribute("data-treatment")]) return true;
      item.remove();
      return false;
    });
    var rows = this.rows;
    Array.prototype.slice.call(this.select.options).forEach(function (option) {
      if (option.value && !rows.some(function (row) { return words(row.getAttribute("data-concerns")).indexOf(option.value) >= 0; })) {
        option.remove();
      }
    });
    this.state = { concern: "", picks: [] };
  }

  Chooser.prototype.checkbox = function (item) {
    return item.querySelector("input[type=checkbox]");
  };

  Chooser.prototype.suits = function (element, concern) {
    return !concern || words(element.getAttribute("data-concerns")).indexOf(concern) >= 0;
  };

  /* A state from the URL or the controls, cleaned: a known concern, at most 3 known treatments
   * that suit it. */
  Chooser.prototype.clean = function (concern, picks) {
    var self = this;
    var known = Array.prototype.some.call(this.select.options, function (o) { return o.value === concern; });
    concern = known ? concern : "";
    var available = this.options.filter(function (item) { return self.suits(item, concern); })
      .map(function (item) { return item.getAttribute("data-treatment"); });
    var kept = [];
    picks.forEach(function (slug) {
      if (available.indexOf(slug) >= 0 && kept.indexOf(slug) < 0 && kept.length < MAX_PICKS) kept.push(slug);
    });
    return { concern: concern, picks: kept };
  };

  Chooser.prototype.fromUrl = function () {
    var params = new URLSearchParams(window.location.search);
    return this.clean(params.get("concern") || "", (params.get("treatments") || "").split(",").filter(Boolean));
  };

  Chooser.prototype.fromControls = function () {
    var self = this;
    var picks = this.options.filter(function (item) {
      var box = self.checkbox(item);
      return !item.hidden && box.checked;
    }).map(function (item) { return item.getAttribute("data-treatment"); });
    return this.clean(this.select.value, picks);
  };

  Chooser.prototype.show = function (state) {
    var self = this;
    this.state = state;
    this.select.value = state.concern;
    var full = state.picks.length >= MAX_PICKS;
    this.options.forEach(function (item) {
      var box = self.checkbox(item);
      var picked = state.picks.indexOf(item.getAttribute("data-treatment")) >= 0;
      item.hidden = !self.suits(item, state.concern);
      box.checked = picked;
      box.disabled = full && !picked;
    });
    var shown = 0;
    this.rows.forEach(function (row) {
      var slug = row.getAttribute("data-treatment");
      var visible = state.picks.length ? state.picks.indexOf(slug) >= 0 : self.suits(row, state.concern);
      row.hidden = !visible;
      if (visible) shown++;
    });
    var total = this.rows.length;
    var counted = "Showing " + shown + " of " + total + " " + (total === 1 ? "treatment" : "treatments");
    if (this.caption) {
      this.caption.textContent = shown === total ? this.captionText : "Treatments compared: " + shown + " of " + total;
    }
    this.status.textContent = counted + this.explain(state, shown) + ".";
    this.writeUrl(state);
  };

  Chooser.prototype.explain = function (state, shown) {
    if (state.picks.length === 1) return ": pick one or two more to see them side by side";
    if (state.picks.length >= MAX_PICKS) return " side by side (the most at once: untick one to pick another)";
    if (state.picks.length) return " side by side";
    if (state.concern) {
      var label = this.select.options[this.select.selectedIndex].textContent;
      return " that may help with " + lowerFirst(label);
    }
    return "";
  };

  Chooser.prototype.writeUrl = function (state) {
    var params = new URLSearchParams(window.location.search);
    params.delete("concern");
    params.delete("treatments");
    var parts = params.toString() ? [params.toString()] : [];
    if (state.concern) parts.push("concern=" + encodeURIComponent(state.concern));
    // Commas left readable: ?treatments=dermaroller,prp
    if (state.picks.length) parts.push("treatments=" + state.picks.map(encodeURIComponent).join(","));
    var query = parts.length ? "?" + parts.join("&") : "";
    if (query !== window.location.search) {
      // Replace rather than push: choosing should not fill the Back button's history.
      window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
    }
  };

  Chooser.prototype.start = function () {
    var self = this;
    this.form.addEventListener("change", function () { self.show(self.fromControls()); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function (event) {
      event.preventDefault();
      self.show({ concern: "", picks: [] });
    });
    this.show(this.fromUrl());
    this.form.hidden = false;
  };

  function setUp() {
    var forms = document.querySelectorAll("form[data-clinic-chooser]");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.getAttribute("data-clinic-chooser") === "ready") return;
      var table = tableAfter(form);
      if (!table) return; // nothing to narrow: the controls stay hidden
      form.setAttribute("data-clinic-chooser", "ready");
      new Chooser(form, table).start();
    });
  }

  setUp();
  // Material's instant navigation (if a later change enables it) swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
})();
