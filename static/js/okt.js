// Inactivity logout warning. The server ends a session after SESSION_COOKIE_AGE seconds without a
// request; this shows a banner OKT_VARSEL_SEKUNDER before that, lets the user stay, and leaves the
// page for the login page when time is up (so personal data does not stay on an unattended screen).
// Values come from data- attributes on <body>; no inline script (Content-Security-Policy).
(function () {
  "use strict";
  var body = document.body;
  var sekunder = parseInt(body.getAttribute("data-okt-sekunder"), 10);
  if (!sekunder) { return; }
  var varsel = Math.min(parseInt(body.getAttribute("data-okt-varsel"), 10) || 300, Math.floor(sekunder / 2));
  var url = body.getAttribute("data-okt-url");
  var loggInn = body.getAttribute("data-logg-inn-url");
  var banner = document.getElementById("okt-varsel");
  var tekst = banner && banner.querySelector("[data-okt-tekst]");
  var NOKKEL = "fagbrev-okt-frist";  // shared by tabs: activity in one tab renews the session for all

  function settFrist(sek) {
    var frist = Date.now() + sek * 1000;
    try { window.localStorage.setItem(NOKKEL, String(frist)); } catch (e) { /* private mode */ }
    lokalFrist = frist;
  }
  function frist() {
    var delt = 0;
    try { delt = parseInt(window.localStorage.getItem(NOKKEL), 10) || 0; } catch (e) { delt = 0; }
    return Math.max(lokalFrist, delt);
  }
  var lokalFrist = 0;
  settFrist(sekunder);

  function utlopt() {
    if (window.fagbrevSlettUtkast) { window.fagbrevSlettUtkast(); }  // as the banner says: unsaved changes are lost
    window.location.assign(loggInn + "?next=" + encodeURIComponent(window.location.pathname));
  }
  function sjekk() {
    var igjen = Math.round((frist() - Date.now()) / 1000);
    if (igjen <= 0) { utlopt(); return; }
    if (igjen <= varsel) {
      var min = Math.max(1, Math.ceil(igjen / 60));
      tekst.textContent = "Du blir logget ut om " + (min === 1 ? "ett minutt" : min + " minutter") +
        " fordi du ikke har vært aktiv. Ulagrede endringer går tapt.";
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }
  function forleng() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (svar) {
        if (!svar.ok || svar.redirected) { throw new Error("utløpt"); }
        return svar.json();
      })
      .then(function (data) { settFrist(data.sekunder); sjekk(); })
      .catch(utlopt);
  }
  if (banner) {
    banner.querySelector("[data-okt-forleng]").addEventListener("click", forleng);
  }
  // Requests made by htmx renew the session on the server too.
  document.body.addEventListener("htmx:afterRequest", function () { settFrist(sekunder); sjekk(); });
  window.setInterval(sjekk, 10000);
})();
