from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Kalenderabonnement, Paminnelse, Varslingsvalg


@admin.register(Paminnelse)
class PaminnelseAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ["tittel", "mottaker", "art", "dato", "status", "forsok", "sendt", "lest"]
    list_filter = ["status", "art", "dato"]
    search_fields = ["tittel", "regel", "periode"]
    readonly_fields = [f.name for f in Paminnelse._meta.fields]
    date_hierarchy = "dato"

    def has_add_permission(self, request):
        return False  # rows come from the scan only


@admin.register(Varslingsvalg)
class VarslingsvalgAdmin(admin.ModelAdmin):
    list_display = ["bruker", "art", "levering"]
    list_filter = ["art", "levering"]


@admin.register(Kalenderabonnement)
class KalenderabonnementAdmin(admin.ModelAdmin):
    list_display = ["bruker", "opprettet", "sist_hentet"]
    exclude = ["nokkel"]  # the secret stays out of the admin
