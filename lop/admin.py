"""Admin for the pathway's reference data and records (G, stipend decisions, contracts, exams, goals)."""

from django.contrib import admin

from fagbrev.admin import KunLesing
from fagbrev.tilgang import TilgangsloggAdmin

from .models import (
    Eksamen,
    Fagprove,
    Grunnbelop,
    Kompetansemal,
    Laerekontrakt,
    Manedstema,
    Sjekkpunkt,
    Stipendmaned,
    Stipendvedtak,
)
from .services_stipend import stipend_beregn_pa_nytt


@admin.register(Grunnbelop)
class GrunnbelopAdmin(admin.ModelAdmin):
    """G is decided each spring and in force from 1 May: enter the new value here. Saving (or deleting)
    a value recomputes the stored stipend months that run on or after its date, which were computed
    with the table as it was (see lop.services_stipend.stipend_beregn_pa_nytt)."""

    list_display = ("gjelder_fra", "belop", "anslatt")
    actions = ["beregn_stipend"]

    def _beregn(self, request, fra, grunn: str) -> None:
        endret = stipend_beregn_pa_nytt(fra=fra, utfort_av=request.user, grunn=grunn)
        self.message_user(request, f"Stipend beregnet på nytt: {endret} vedtak fikk nye beløp.")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._beregn(request, obj.gjelder_fra, f"grunnbeløp fra {obj.gjelder_fra:%d.%m.%Y} registrert")

    def delete_model(self, request, obj):
        fra = obj.gjelder_fra
        super().delete_model(request, obj)
        self._beregn(request, fra, f"grunnbeløp fra {fra:%d.%m.%Y} slettet")

    @admin.action(description="Beregn alle lagrede stipendmåneder på nytt")
    def beregn_stipend(self, request, queryset):
        self._beregn(request, None, "beregnet på nytt fra admin")


class StipendmanedInline(admin.TabularInline):
    model = Stipendmaned
    extra = 0
    can_delete = False
    readonly_fields = ("maned", "dager", "sum", "imdi", "kommune")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Stipendvedtak)
class StipendvedtakAdmin(TilgangsloggAdmin, KunLesing):
    """Read-only here: decisions are registered on the participant's stipend page (the service computes
    the months and logs)."""

    list_display = ("deltaker", "fra", "til", "organisasjon")
    list_select_related = ("deltaker", "organisasjon")
    inlines = [StipendmanedInline]


class SjekkpunktInline(admin.TabularInline):
    model = Sjekkpunkt
    extra = 0
    fields = ("type", "pakrevd", "status", "referanse")


@admin.register(Laerekontrakt)
class LaerekontraktAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("deltaker", "rute", "status", "start", "slutt", "organisasjon")
    list_filter = ("organisasjon", "status", "rute")
    list_select_related = ("deltaker", "organisasjon")
    raw_id_fields = ("deltaker", "arbeidsgiver")
    inlines = [SjekkpunktInline]


@admin.register(Eksamen)
class EksamenAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("deltaker", "type", "termin", "pameldt_dato", "resultat")
    list_filter = ("organisasjon", "resultat")
    list_select_related = ("deltaker",)
    raw_id_fields = ("deltaker",)


@admin.register(Fagprove)
class FagproveAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("deltaker", "forsok", "pameldt_dato", "provedato", "resultat")
    list_select_related = ("deltaker",)
    raw_id_fields = ("deltaker", "kontrakt")


@admin.register(Kompetansemal)
class KompetansemalAdmin(admin.ModelAdmin):
    list_display = ("tekst", "fagretning", "rekkefolge", "aktiv")
    list_filter = ("fagretning",)
    list_select_related = ("fagretning",)


@admin.register(Manedstema)
class ManedstemaAdmin(admin.ModelAdmin):
    list_display = ("maned", "tema", "fagretning", "kull")
    list_select_related = ("fagretning", "kull")
