from django.contrib import admin

from .models import Deltaker


@admin.register(Deltaker)
class DeltakerAdmin(admin.ModelAdmin):
    list_display = ("etternavn", "fornavn", "fagretning", "status", "organisasjon")
    list_filter = ("organisasjon", "status", "fagretning")
    list_select_related = ("fagretning", "organisasjon")
    search_fields = ("fornavn", "etternavn")
    exclude = ("fodselsnummer",)  # never shown or changed here; the case file masks it
    readonly_fields = ("versjon",)
