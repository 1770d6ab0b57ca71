from django.contrib import admin

from .models import Arbeidsgiver, Arbeidssted, Kontaktperson


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
