// Fagbrev: small behaviours. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // Move focus to an error summary so screen readers and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("feiloppsummering");
    if (summary) { summary.focus(); }
  });
  // A table wider than the screen scrolls in its own box: make that box a tab stop (only when it
  // scrolls), so keyboard users can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
  function rullbareTabeller() {
    document.querySelectorAll(".table-responsive").forEach(function (boks) {
      if (boks.scrollWidth > boks.clientWidth) {
        boks.setAttribute("tabindex", "0");
        boks.setAttribute("role", "region");
        boks.setAttribute("aria-label", "Tabell som kan rulles sideveis");
      } else {
        boks.removeAttribute("tabindex");
        boks.removeAttribute("role");
        boks.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", rullbareTabeller);
  window.addEventListener("resize", rullbareTabeller);
  // Confirm dangerous actions: <button data-bekreft="Er du sikker?">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-bekreft]");
    if (el && !window.confirm(el.getAttribute("data-bekreft"))) { event.preventDefault(); }
  });
})();
