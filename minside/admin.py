from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Deltakerkonto


@admin.register(Deltakerkonto)
class DeltakerkontoAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    """Who has a participant login; deactivate her user to shut it. Logbook and tokens stay out of the admin."""

    list_display = ["deltaker", "user", "opprettet", "fadder_kan_lese", "sprak"]
    list_select_related = ["deltaker", "user"]
    raw_id_fields = ["deltaker", "user", "invitert_av"]
    readonly_fields = ["opprettet"]
