from django.apps import AppConfig


class DeltakereConfig(AppConfig):
    name = "deltakere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import personopplysninger, regler, seksjoner  # noqa: F401  (they register their parts)

        personopplysninger.registrer()
