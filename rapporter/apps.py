from django.apps import AppConfig


class RapporterConfig(AppConfig):
    name = "rapporter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        personopplysninger.registrer(self.label)
