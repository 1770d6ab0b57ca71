from django.apps import AppConfig


class DokumenterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dokumenter"
    verbose_name = "Dokumenter"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import seksjoner, typer  # noqa: F401  (they register its case-page section and documents)

        personopplysninger.registrer(
            self.label,
            utelatt={"fil", "sha256", "signert_sha256", "signert_skann", "zip_fil"},
            behold={"objekt_nokkel", "sha256", "signert_sha256"},
        )
