from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import (
    Eksamen,
    Fagprove,
    Fagretning,
    Grunnbelop,
    Hendelse,
    Kompetansemal,
    Kull,
    Laerekontrakt,
    Manedstema,
    Medlemskap,
    Oppslag,
    Organisasjon,
    Permisjon,
    Sjekkpunkt,
    Stipendmaned,
    Stipendvedtak,
    User,
)
from .tilgang import TilgangsloggAdmin


class MedlemskapInline(admin.TabularInline):
    model = Medlemskap
    extra = 0


@admin.register(User)
class BrukerAdmin(UserAdmin):
    inlines = [MedlemskapInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_superuser")


@admin.register(Organisasjon)
class OrganisasjonAdmin(admin.ModelAdmin):
    list_display = (
        "navn",
        "kortnavn",
        "fagprove_tidligst_maneder",
        "fagprove_senest_maneder",
        "oppbevaring",
        "anonymiser_etter_ar",
    )


@admin.register(Fagretning)
class FagretningAdmin(admin.ModelAdmin):
    list_display = ("navn", "organisasjon", "aktiv", "besok_intervall_dager")
    list_filter = ("organisasjon", "aktiv")


@admin.register(Kull)
class KullAdmin(admin.ModelAdmin):
    list_display = ("navn", "fagretning", "oppstart", "organisasjon")
    list_select_related = ("fagretning", "organisasjon")


@admin.register(Hendelse)
class HendelseAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    """Read-only: the event log is written by services and never changed."""

    list_display = ("tidspunkt", "handling", "utfort_av", "organisasjon", "beskrivelse")
    list_filter = ("handling",)
    list_select_related = ("utfort_av", "organisasjon")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Oppslag)
class OppslagAdmin(admin.ModelAdmin):
    """Read-only: the access log is written by the views that show personal data."""

    list_display = ("tidspunkt", "bruker", "deltaker_id", "hva", "formal", "ip", "organisasjon")
    list_filter = ("hva",)
    search_fields = ("=deltaker_id", "bruker__username")
    list_select_related = ("bruker", "organisasjon")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- The pathway ------------------------------------------------------------------------------
# Case data is changed in the application (services log every change); the admin mainly serves
# national reference data (grunnbeløp) and lets superusers look things up.


@admin.register(Grunnbelop)
class GrunnbelopAdmin(admin.ModelAdmin):
    """G is decided each spring and in force from 1 May: enter the new value here. Saving (or deleting)
    a value recomputes the stored stipend months that run on or after its date, which were computed
    with the table as it was (see fagbrev.services_stipend.stipend_beregn_pa_nytt)."""

    list_display = ("gjelder_fra", "belop", "anslatt")
    actions = ["beregn_stipend"]

    def _beregn(self, request, fra, grunn: str) -> None:
        from .services_stipend import stipend_beregn_pa_nytt

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
class StipendvedtakAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    """Read-only here: decisions are registered on the participant's stipend page (the service computes
    the months and logs)."""

    list_display = ("deltaker", "fra", "til", "organisasjon")
    list_select_related = ("deltaker", "organisasjon")
    inlines = [StipendmanedInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SjekkpunktInline(admin.TabularInline):
    model = Sjekkpunkt
    extra = 0
    fields = ("type", "pakrevd", "status", "referanse")


class PermisjonInline(admin.TabularInline):
    model = Permisjon
    extra = 0


@admin.register(Laerekontrakt)
class LaerekontraktAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("deltaker", "rute", "status", "start", "slutt", "organisasjon")
    list_filter = ("organisasjon", "status", "rute")
    list_select_related = ("deltaker", "organisasjon")
    raw_id_fields = ("deltaker", "arbeidsgiver")
    inlines = [SjekkpunktInline, PermisjonInline]


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
