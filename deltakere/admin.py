from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Deltaker, Opptakskriterium


@admin.register(Deltaker)
class DeltakerAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("etternavn", "fornavn", "fagretning", "status", "organisasjon")
    list_filter = ("organisasjon", "status", "fagretning")
    list_select_related = ("fagretning", "organisasjon")
    search_fields = ("fornavn", "etternavn")
    exclude = ("fodselsnummer",)  # never shown or changed here; the case file masks it
    # status changes only through deltaker_endre_status, the track only through rute_bytt (its history)
    readonly_fields = ("versjon", "status", "rute")


@admin.register(Opptakskriterium)
class OpptakskriteriumAdmin(admin.ModelAdmin):
    """Admission criteria per track (a page for coordinators can come later)."""

    list_display = ("tekst", "fagretning", "er_krav", "rekkefolge", "aktiv")
    list_filter = ("fagretning", "aktiv")
    list_select_related = ("fagretning",)
