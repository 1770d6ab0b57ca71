// Fagbrev: small behaviours. No inline scripts anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // Move focus to an error summary so screen readers and keyboard users land on it (also away from
  // a field with autofocus). A form without an action posts back to the page's address with its
  // fragment: after the skip link that is #innhold, and the browser then moves focus to <main>
  // after we focused the summary. So the fragment is dropped, and once the page has loaded the
  // summary takes the focus back if only the page or <main> has it (never from a field the user
  // has already moved to).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("feiloppsummering");
    if (!summary) { return; }
    if (window.location.hash) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    summary.focus();
    window.addEventListener("load", function () {
      window.requestAnimationFrame(function () {
        var aktiv = document.activeElement;
        if (!aktiv || aktiv === document.body || aktiv.id === "innhold") { summary.focus(); }
      });
    });
  });
  // A table wider than the screen scrolls in its own box: make that box a tab stop (only when it
  // scrolls), so keyboard users can scroll it too (WCAG 2.1.1; axe: scrollable-region-focusable).
  // Each such region is named after its table (caption, else the section's heading), so a page
  // with several of them has landmarks that can be told apart (axe: landmark-unique).
  function tabellnavn(boks) {
    var tekst = boks.querySelector("caption");
    var seksjon = boks.closest("section[aria-labelledby]");
    if (!(tekst && tekst.textContent.trim()) && seksjon) {
      tekst = document.getElementById(seksjon.getAttribute("aria-labelledby"));
    }
    return tekst ? tekst.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function rullbareTabeller() {
    var brukt = {};
    document.querySelectorAll(".table-responsive").forEach(function (boks) {
      if (boks.scrollWidth > boks.clientWidth) {
        var navn = tabellnavn(boks) || "Tabell";
        brukt[navn] = (brukt[navn] || 0) + 1;
        if (brukt[navn] > 1) { navn += " (" + brukt[navn] + ")"; }
        boks.setAttribute("tabindex", "0");
        boks.setAttribute("role", "region");
        boks.setAttribute("aria-label", navn + " – tabell som kan rulles sideveis");
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
  // Drafts of unsaved forms (static/js/utkast.js) live in this browser's localStorage under
  // "fagbrev:utkast:". They are removed when the user logs out (the logout form), when the session
  // runs out (okt.js), and on the login page (a session that ended while the tab was closed), so the
  // next person at the same machine never finds them. The server's logout response also says
  // Clear-Site-Data: "storage", which browsers honour over HTTPS.
  var UTKAST = "fagbrev:utkast:";
  function slettAlleUtkast() {
    try {
      var ls = window.localStorage;
      for (var i = ls.length - 1; i >= 0; i--) {
        var k = ls.key(i);
        if (k && k.indexOf(UTKAST) === 0) { ls.removeItem(k); }
      }
      window.sessionStorage.clear();
    } catch (e) { /* storage blocked: then nothing was stored either */ }
  }
  window.fagbrevSlettUtkast = slettAlleUtkast;
  document.addEventListener("submit", function (e) {
    if (e.target.matches && e.target.matches("form[data-utkast-slett-alle]")) { slettAlleUtkast(); }
  }, true);
  if (document.querySelector("[data-utkast-slett-alle]:not(form)")) { slettAlleUtkast(); }
  // A date input's hint repeats the picked date as dd.mm.åååå (fagbrev.forms.datohint): a browser in
  // English shows mm/dd/yyyy in the field itself.
  document.addEventListener("change", function (e) {
    var felt = e.target;
    if (!felt.matches || !felt.matches("input[type=date]") || !felt.id) { return; }
    var hint = document.getElementById(felt.id + "_datoformat");
    if (!hint) { return; }
    var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(felt.value);
    hint.textContent = d ? "Valgt: " + d[3] + "." + d[2] + "." + d[1] + " (dd.mm.åååå)" : "Format: dd.mm.åååå";
  });
})();
