"""Admin: read-only lists for support. Case data is changed through the app's services (history, log)."""

from django.contrib import admin

from fagbrev.admin import KunLesing
from fagbrev.tilgang import TilgangsloggAdmin

from .models import Besok, Faddersamling, Mote, Revisjon, Tiltak, Vurderingssamtale


@admin.register(Besok)
class BesokAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ("dato", "deltaker", "arbeidssted", "registrert_av", "versjon", "organisasjon")
    list_filter = ("organisasjon",)
    list_select_related = ("deltaker", "arbeidssted", "registrert_av", "organisasjon")


@admin.register(Vurderingssamtale)
class VurderingssamtaleAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ("semester", "deltaker", "planlagt_dato", "holdt_dato", "versjon", "organisasjon")
    list_filter = ("organisasjon", "semester")
    list_select_related = ("deltaker", "organisasjon")


@admin.register(Mote)
class MoteAdmin(KunLesing):
    list_display = ("dato", "type", "fagretning", "organisasjon")
    list_filter = ("organisasjon", "type")
    list_select_related = ("fagretning", "organisasjon")


@admin.register(Tiltak)
class TiltakAdmin(KunLesing):
    list_display = ("beskrivelse", "ansvarlig", "frist", "utfort", "organisasjon")
    list_filter = ("organisasjon",)
    list_select_related = ("ansvarlig", "organisasjon")


@admin.register(Faddersamling)
class FaddersamlingAdmin(KunLesing):
    list_display = ("dato", "fagretning", "tema", "organisasjon")
    list_select_related = ("fagretning", "organisasjon")


@admin.register(Revisjon)
class RevisjonAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ("objekt_type", "objekt_id", "versjon", "endret_av", "tidspunkt")
    list_select_related = ("objekt_type", "endret_av")
