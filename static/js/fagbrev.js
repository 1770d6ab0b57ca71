// Fagbrev: small behaviours. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // Move focus to an error summary so screen readers and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("feiloppsummering");
    if (summary) { summary.focus(); }
  });
  // Confirm dangerous actions: <button data-bekreft="Er du sikker?">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-bekreft]");
    if (el && !window.confirm(el.getAttribute("data-bekreft"))) { event.preventDefault(); }
  });
})();
