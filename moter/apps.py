from django.apps import AppConfig


class MoterConfig(AppConfig):
    """Recruitment and information meetings with their attendees, and the start-up meeting at the workplace."""

    name = "moter"
    verbose_name = "Møter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import kalender, regler, seksjoner  # noqa: F401  (they register their parts)

        # `rolle` of an outside person is kept: it says which partner came, not who she is
        personopplysninger.registrer(self.label, behold={"rolle"})
