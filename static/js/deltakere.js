// Participant list: an identity number typed into the name search must never go into the URL.
// Move it to the POST form for the exact search instead (coordinators), or clear it (others).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var sok = document.querySelector("form[data-navnesok]");
    if (!sok) { return; }
    sok.addEventListener("submit", function (event) {
      var felt = sok.querySelector("input[name=q]");
      var verdi = felt.value.replace(/[\s.\-]/g, "");
      if (!/^\d{11}$/.test(verdi)) { return; }
      event.preventDefault();
      var fnrSkjema = document.querySelector("form[data-fnrsok]");
      felt.value = "";
      if (fnrSkjema) {
        fnrSkjema.querySelector("input[name=fodselsnummer]").value = verdi;
        fnrSkjema.submit();
      }
    });
  });
})();
