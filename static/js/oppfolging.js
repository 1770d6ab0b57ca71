// Visit form: show where the chosen participant is placed (the visit is recorded at that workplace).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("arbeidssteder");
    var valg = document.getElementById("id_deltaker");
    var visning = document.querySelector("[data-arbeidssted-visning]");
    if (!data || !valg || !visning) { return; }
    var steder = JSON.parse(data.textContent);
    function vis() {
      var sted = steder[valg.value];
      visning.textContent = valg.value ? (sted ? "Arbeidssted: " + sted : "Ingen aktiv praksisplassering registrert.") : "";
    }
    valg.addEventListener("change", vis);
    document.querySelectorAll("form[data-utkast]").forEach(function (f) { f.addEventListener("utkast-hentet", vis); });
    vis();
  });
})();
