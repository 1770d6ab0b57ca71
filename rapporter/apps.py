from django.apps import AppConfig


class RapporterConfig(AppConfig):
    name = "rapporter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import selectors as deltakere_selectors
        from fagbrev import personopplysninger
        from fagbrev.seksjoner import for_oversikt
        from oppfolging import selectors as oppfolging_selectors

        from . import tellinger

        personopplysninger.registrer(self.label)
        # my overview's counts of whole organisations, read from the pre-aggregate (kept current first)
        deltakere_selectors.LAGRET_TELLING["rapporter"] = tellinger.naa_per_status
        oppfolging_selectors.LAGRET_SEMESTERTALL["rapporter"] = tellinger.semestertall
        for_oversikt(tellinger.telling_oppdater_alle)
