/* SXSH page helpers, served by the app itself (CSP: scripts from 'self' only, none inline).
   The menu button opens and closes the navigation on narrow screens; every table cell gets its column's
   header as data-label, so narrow screens can show rows as stacked cards; a file input shows the chosen
   file's name next to its (translated) button. */
(function () {
  "use strict";
  document.documentElement.classList.add("js-nav");
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    });
  }
  document.querySelectorAll("table").forEach(function (table) {
    var headers = table.querySelectorAll("thead tr:last-child th");
    if (!headers.length) { return; }
    table.classList.add("stackable");
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var header = headers[column];
        if (header && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", header.textContent.trim()); }
        column += cell.colSpan || 1;
      });
    });
  });
  document.querySelectorAll(".file-picker .file-input").forEach(function (input) {
    var name = input.parentNode.querySelector(".file-name");
    input.addEventListener("change", function () {
      if (name && input.files.length) {
        name.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
      }
    });
  });
}());
