// compare report: sorting and filtering on index.html; discrepancy keyboard
// navigation and the coverage filter on event pages. No network, no data in here:
// everything is read from the page's own markup.
(function () {
  "use strict";

  function cellValue(row, key, numeric) {
    var v = row.getAttribute("data-" + key) || "";
    return numeric ? parseFloat(v) || 0 : v;
  }

  function initSort(table) {
    var buttons = table.querySelectorAll("thead th button[data-sort]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var key = button.getAttribute("data-sort");
        var numeric = button.hasAttribute("data-numeric");
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (row, i) { row.setAttribute("data-pos", String(i)); });
        rows.sort(function (a, b) {
          var x = cellValue(a, key, numeric), y = cellValue(b, key, numeric);
          var c = x < y ? -1 : x > y ? 1 : 0;
          if (dir === "descending") c = -c;
          return c || parseInt(a.getAttribute("data-pos"), 10) - parseInt(b.getAttribute("data-pos"), 10);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  var RANK = { "": -1, info: 0, warning: 1, error: 2 };

  // One form filters several tables (the events and the single stories); each table has an
  // <output id="count-TABLE"> for "x of y" and an element id="empty-TABLE" shown when none match.
  function initFilter(form) {
    var tables = form.getAttribute("data-filter-for").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    var text = form.querySelector("input[type=search]");
    var type = form.querySelector("select[name=type]");
    var sev = form.querySelector("select[name=severity]");
    function matches(row, q) {
      if (q && (row.getAttribute("data-search") || "").indexOf(q) === -1) return false;
      if (type.value && (" " + row.getAttribute("data-types") + " ").indexOf(" " + type.value + " ") === -1) return false;
      return !sev.value || RANK[row.getAttribute("data-worst") || ""] >= RANK[sev.value];
    }
    function apply() {
      var q = text.value.trim().toLowerCase();
      tables.forEach(function (table) {
        var rows = table.tBodies[0].rows, shown = 0;
        for (var i = 0; i < rows.length; i++) {
          rows[i].hidden = !matches(rows[i], q);
          if (!rows[i].hidden) shown++;
        }
        var count = document.getElementById("count-" + table.id);
        if (count) count.textContent = shown + " of " + rows.length;
        var empty = document.getElementById("empty-" + table.id);
        if (empty) empty.hidden = shown !== 0;
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    text.addEventListener("input", apply);
    type.addEventListener("change", apply);
    sev.addEventListener("change", apply);
  }

  function initDiscrepancyKeys() {
    var items = Array.prototype.slice.call(document.querySelectorAll(".disc"));
    if (!items.length) return;
    var current = null;
    function select(item) {
      if (current) current.classList.remove("current");
      current = item;
      item.classList.add("current");
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "center" });
    }
    // Next (step 1) or previous (step -1) discrepancy not hidden by the filter; stops at the ends.
    function go(step) {
      var i = current ? items.indexOf(current) + step : 0;
      for (; i >= 0 && i < items.length; i += current ? step : 1) {
        if (!items[i].hidden) { select(items[i]); return; }
      }
    }
    items.forEach(function (item) {
      item.addEventListener("focus", function () {
        if (current && current !== item) current.classList.remove("current");
        current = item;
      });
    });
    // A followed previous/next link (or a #dN address) makes that discrepancy the current one.
    function fromHash() {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target && items.indexOf(target) !== -1) select(target);
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
      if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
      else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
    });
    var form = document.getElementById("disc-filter");
    if (!form) return;
    var type = form.querySelector("select[name=type]");
    var sev = form.querySelector("select[name=severity]");
    var count = form.querySelector("output");
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var ok = (!type.value || item.getAttribute("data-type") === type.value) &&
          (!sev.value || RANK[item.getAttribute("data-severity")] >= RANK[sev.value]);
        item.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " of " + items.length;
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    type.addEventListener("change", apply);
    sev.addEventListener("change", apply);
  }

  function initMatrixFilter() {
    var select = document.getElementById("m-show");
    var table = document.getElementById("matrix-table");
    if (!select || !table) return;
    select.addEventListener("change", function () {
      var rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        row.hidden = (select.value === "gaps" && row.getAttribute("data-gap") !== "1") ||
          (select.value === "shared" && row.getAttribute("data-shared") !== "1");
      }
    });
  }

  // A link to a sentence of a collapsed full text opens it and highlights the sentence.
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target) return;
    for (var el = target.parentNode; el; el = el.parentNode) {
      if (el.tagName === "DETAILS" && !el.open) el.open = true;
    }
    if (target.tagName === "LI" && target.parentNode.classList.contains("sentences")) target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Printing shows everything: open the collapsed sections first.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), initSort);
  Array.prototype.forEach.call(document.querySelectorAll("form[data-filter-for]"), initFilter);
  initDiscrepancyKeys();
  initMatrixFilter();
})();
