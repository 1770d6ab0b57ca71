from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import kalender, regler, seksjoner  # noqa: F401  (they register their parts)

        personopplysninger.registrer(self.label, utelatt={"objekt_type"}, behold={"semester"})
