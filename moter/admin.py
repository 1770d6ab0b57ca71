from django.contrib import admin

from .models import Deltakelse, Ekstern, Mote, Oppstartsmote


class DeltakelseInline(admin.TabularInline):
    model = Deltakelse
    extra = 0
    raw_id_fields = ["deltaker"]


class EksternInline(admin.TabularInline):
    model = Ekstern
    extra = 0


@admin.register(Mote)
class MoteAdmin(admin.ModelAdmin):
    list_display = ["dato", "klokken", "art", "sted", "fagretning", "organisasjon"]
    list_filter = ["art", "organisasjon"]
    date_hierarchy = "dato"
    inlines = [DeltakelseInline, EksternInline]


@admin.register(Oppstartsmote)
class OppstartsmoteAdmin(admin.ModelAdmin):
    list_display = ["dato", "plassering", "avtale_signert", "organisasjon"]
    list_filter = ["avtale_signert", "organisasjon"]
    raw_id_fields = ["plassering"]
