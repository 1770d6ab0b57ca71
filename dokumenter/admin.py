from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Batchjobb, Dokument, Dokumentprofil


@admin.register(Dokumentprofil)
class DokumentprofilAdmin(admin.ModelAdmin):
    list_display = ["organisasjon", "signatar_navn", "endret"]


@admin.register(Dokument)
class DokumentAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    """Read-only: versions are made and attached to only through the services."""

    list_display = ["type", "versjon", "organisasjon", "laget", "laget_av"]
    list_filter = ["type", "organisasjon"]
    readonly_fields = [f.name for f in Dokument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Batchjobb)
class BatchjobbAdmin(admin.ModelAdmin):
    list_display = ["type", "kull", "fagretning", "status", "ferdige", "totalt", "opprettet"]
    readonly_fields = [f.name for f in Batchjobb._meta.fields]
