"""Admin: read-only lists for support. Case data is changed through the app's services (history, log)."""

from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Besok, Faddersamling, Mote, Revisjon, Tiltak, Vurderingssamtale


class KunLese(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Besok)
class BesokAdmin(TilgangsloggAdmin, KunLese):
    list_display = ("dato", "deltaker", "arbeidssted", "registrert_av", "versjon", "organisasjon")
    list_filter = ("organisasjon",)
    list_select_related = ("deltaker", "arbeidssted", "registrert_av", "organisasjon")


@admin.register(Vurderingssamtale)
class VurderingssamtaleAdmin(TilgangsloggAdmin, KunLese):
    list_display = ("semester", "deltaker", "planlagt_dato", "holdt_dato", "versjon", "organisasjon")
    list_filter = ("organisasjon", "semester")
    list_select_related = ("deltaker", "organisasjon")


@admin.register(Mote)
class MoteAdmin(KunLese):
    list_display = ("dato", "type", "fagretning", "organisasjon")
    list_filter = ("organisasjon", "type")
    list_select_related = ("fagretning", "organisasjon")


@admin.register(Tiltak)
class TiltakAdmin(KunLese):
    list_display = ("beskrivelse", "ansvarlig", "frist", "utfort", "organisasjon")
    list_filter = ("organisasjon",)
    list_select_related = ("ansvarlig", "organisasjon")


@admin.register(Faddersamling)
class FaddersamlingAdmin(KunLese):
    list_display = ("dato", "fagretning", "tema", "organisasjon")
    list_select_related = ("fagretning", "organisasjon")


@admin.register(Revisjon)
class RevisjonAdmin(TilgangsloggAdmin, KunLese):
    list_display = ("objekt_type", "objekt_id", "versjon", "endret_av", "tidspunkt")
    list_select_related = ("objekt_type", "endret_av")
