from django.contrib import admin

from .models import Kostnad, Sporplan, Sporsteg


@admin.register(Kostnad)
class KostnadAdmin(admin.ModelAdmin):
    list_display = ("semester", "fagretning", "art", "betaler", "belop", "organisasjon")
    list_filter = ("organisasjon", "semester", "art", "betaler")
    raw_id_fields = ("registrert_av",)


class SporstegInline(admin.TabularInline):
    model = Sporsteg
    extra = 0
    raw_id_fields = ("endret_av",)


@admin.register(Sporplan)
class SporplanAdmin(admin.ModelAdmin):
    list_display = ("navn", "organisasjon", "fagretning")
    list_filter = ("organisasjon",)
    raw_id_fields = ("opprettet_av",)
    inlines = [SporstegInline]
