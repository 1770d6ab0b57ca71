"""Admin: read-only lists for support; links and signatures change only through the services."""

from django.contrib import admin

from fagbrev.admin import KunLesing
from fagbrev.tilgang import TilgangsloggAdmin

from .models import Lenke, Signatur


@admin.register(Lenke)
class LenkeAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ["handling", "part", "deltaker_id", "opprettet", "sendt", "apnet", "brukt", "trukket", "utloper"]
    list_filter = ["handling", "part", "regel", "organisasjon"]
    exclude = ["token_hash"]


@admin.register(Signatur)
class SignaturAdmin(TilgangsloggAdmin, KunLesing):
    list_display = ["avtale_id", "part", "navn", "tidspunkt", "sha256"]
    list_filter = ["part", "organisasjon"]
