from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Fagretning, Hendelse, Kull, Medlemskap, Oppslag, Organisasjon, User
from .tilgang import TilgangsloggAdmin


class KunLesing(admin.ModelAdmin):
    """A list for support that nobody changes here: rows are written by services, which log them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class HendelseAdmin(TilgangsloggAdmin, KunLesing):
    """Read-only: the event log is written by services and never changed."""

    list_display = ("tidspunkt", "handling", "utfort_av", "organisasjon", "beskrivelse")
    list_filter = ("handling",)
    list_select_related = ("utfort_av", "organisasjon")


@admin.register(Oppslag)
class OppslagAdmin(KunLesing):
    """Read-only: the access log is written by the views that show personal data."""

    list_display = ("tidspunkt", "bruker", "deltaker_id", "hva", "formal", "ip", "organisasjon")
    list_filter = ("hva",)
    search_fields = ("=deltaker_id", "bruker__username")
    list_select_related = ("bruker", "organisasjon")


# --- The pathway ------------------------------------------------------------------------------
# Case data is changed in the application (services log every change); the admin mainly serves
# national reference data (grunnbeløp) and lets superusers look things up.
