from django.apps import AppConfig


class MinsideConfig(AppConfig):
    name = "minside"
    verbose_name = "Min side (deltakerens egen side)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import seksjoner  # noqa: F401  (registers the case-page section and her part of the meeting record)

        # her login link is kept as a hash only
        personopplysninger.registrer(self.label, utelatt={"token_hash"})
