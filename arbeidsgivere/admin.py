from django.contrib import admin

from fagbrev.tilgang import TilgangsloggAdmin

from .models import Arbeidsgiver, Arbeidssted, Avtale, Evaluering, Kontaktperson, Plassering


@admin.register(Arbeidsgiver)
class ArbeidsgiverAdmin(admin.ModelAdmin):
    list_display = ("navn", "orgnr", "sektor", "godkjent_laerebedrift", "organisasjon")
    list_filter = ("organisasjon", "sektor", "godkjent_laerebedrift")
    search_fields = ("navn", "orgnr")


@admin.register(Arbeidssted)
class ArbeidsstedAdmin(admin.ModelAdmin):
    list_display = ("navn", "arbeidsgiver", "kapasitet")
    list_select_related = ("arbeidsgiver",)


@admin.register(Kontaktperson)
class KontaktpersonAdmin(admin.ModelAdmin):
    list_display = ("navn", "rolle", "arbeidssted", "har_fagbrev")
    list_select_related = ("arbeidssted",)


@admin.register(Plassering)
class PlasseringAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("deltaker", "arbeidssted", "fadder", "fra", "til")
    list_select_related = ("deltaker", "arbeidssted", "fadder")
    raw_id_fields = ("deltaker", "arbeidssted", "fadder")


@admin.register(Avtale)
class AvtaleAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("plassering", "status", "oppstart")
    list_filter = ("status",)
    list_select_related = ("plassering__arbeidssted",)
    raw_id_fields = ("plassering", "signert_kommune_av")


@admin.register(Evaluering)
class EvalueringAdmin(TilgangsloggAdmin, admin.ModelAdmin):
    list_display = ("plassering", "dato", "egnet")
    list_filter = ("egnet",)
    list_select_related = ("plassering__arbeidssted",)
    raw_id_fields = ("plassering", "registrert_av")
