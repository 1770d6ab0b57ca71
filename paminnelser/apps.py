from django.apps import AppConfig


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    verbose_name = "Påminnelser og frister"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import kalender, regler, seksjoner, ukeoversikt  # noqa: F401  (they register their parts)

        personopplysninger.registrer(self.label, utelatt={"krav", "objekt_type"}, behold={"regel", "periode", "lenke"})
