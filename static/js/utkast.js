// Drafts of long forms survive a lost connection or an accidental reload.
// A form with data-utkast="<key>" (the key names the user and the form) is copied to localStorage on
// every change. When the page opens with an empty (unbound) form, the draft is put back. The page the
// server shows after a successful save carries data-utkast-slett="<key>", which removes the draft.
// Hidden fields (CSRF token, version) are never stored. No inline scripts (Content-Security-Policy).
(function () {
  "use strict";

  function lagring() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function klokke(ms) {
    var d = new Date(ms);
    function to(n) { return (n < 10 ? "0" : "") + n; }
    return to(d.getDate()) + "." + to(d.getMonth() + 1) + "." + d.getFullYear() + " kl. " + to(d.getHours()) + ":" + to(d.getMinutes());
  }

  function felter(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button" && el.type !== "file";
    });
  }

  function les(form) {
    var data = {};
    felter(form).forEach(function (el) {
      if (el.type === "checkbox") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else if (el.type === "radio") {
        if (el.checked) { data[el.name] = el.value; }
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function skriv(form, data) {
    felter(form).forEach(function (el) {
      if (!(el.name in data)) { return; }
      var verdi = data[el.name];
      if (el.type === "checkbox") {
        el.checked = Array.isArray(verdi) && verdi.indexOf(el.value) !== -1;
      } else if (el.type === "radio") {
        el.checked = el.value === verdi;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = verdi.indexOf(o.value) !== -1; });
      } else {
        el.value = verdi;
      }
    });
  }

  function visStatus(tekst) {
    var boks = document.querySelector("[data-utkast-status]");
    if (!boks) { return; }
    boks.querySelector("[data-utkast-tekst]").textContent = tekst;
    boks.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var ls = lagring();
    if (!ls) { return; }

    document.querySelectorAll("[data-utkast-slett]").forEach(function (el) {
      ls.removeItem(el.getAttribute("data-utkast-slett"));
    });

    document.querySelectorAll("form[data-utkast]").forEach(function (form) {
      var base = form.getAttribute("data-utkast");
      // data-utkast-del names a field (the participant) whose value is part of the key: one draft per
      // participant, so opening the form for Zeynep never shows, or overwrites, the draft for Amina.
      var delfelt = form.getAttribute("data-utkast-del");
      function nokkel() {
        if (!delfelt || !form.elements[delfelt]) { return base; }
        return base + ":" + (form.elements[delfelt].value || "ny");
      }
      function hent(k) {
        try { return JSON.parse(ls.getItem(k) || "null"); } catch (e) { return null; }
      }
      var aktiv = nokkel();
      var lagret = hent(aktiv);
      if (!lagret && delfelt && form.elements[delfelt] && !form.elements[delfelt].value) {
        // Nobody chosen yet: offer the most recent draft for any participant.
        for (var i = 0; i < ls.length; i++) {
          var k = ls.key(i);
          if (k && k.indexOf(base + ":") === 0) {
            var kandidat = hent(k);
            if (kandidat && (!lagret || kandidat.tid > lagret.tid)) { lagret = kandidat; aktiv = k; }
          }
        }
      }
      // A bound form came back from the server with errors: what it shows is newer than the draft.
      if (lagret && lagret.felter && form.getAttribute("data-utkast-bundet") !== "1") {
        skriv(form, lagret.felter);
        aktiv = nokkel();
        visStatus("Utkastet ditt fra " + klokke(lagret.tid) + " er hentet fram.");
        form.dispatchEvent(new Event("utkast-hentet"));
      }
      function lagre() {
        var tid = Date.now();
        var ny = nokkel();
        try {
          if (ny !== aktiv) { ls.removeItem(aktiv); aktiv = ny; }  // the draft moved to another participant
          ls.setItem(aktiv, JSON.stringify({ tid: tid, felter: les(form) }));
          visStatus("Utkast lagret på denne enheten " + klokke(tid) + ".");
        } catch (e) { /* storage full or blocked: the form still works, only without drafts */ }
      }
      form.addEventListener("input", lagre);
      form.addEventListener("change", lagre);
      var forkast = document.querySelector("[data-utkast-forkast]");
      if (forkast) {
        forkast.addEventListener("click", function () {
          ls.removeItem(aktiv);
          window.location.reload();
        });
      }
    });
  });
})();
