"""Admin: read-only lists for support. Meetings are changed through the app's pages and services (log)."""

from django.contrib import admin

from fagbrev.admin import KunLesing
from fagbrev.tilgang import TilgangsloggAdmin

from .models import Mote, Oppstartsmote


@admin.register(Mote)
class MoteAdmin(KunLesing):
    list_display = ["dato", "klokken", "art", "sted", "fagretning", "organisasjon"]
    list_filter = ["art", "organisasjon"]
    date_hierarchy = "dato"


@admin.register(Oppstartsmote)
class OppstartsmoteAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ["dato", "plassering", "avtale_signert", "organisasjon"]
    list_filter = ["avtale_signert", "organisasjon"]
