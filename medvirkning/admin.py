from django.contrib import admin

from .models import Lenke, Signatur


class _BareLese(admin.ModelAdmin):
    """Read-only: links and signatures are made and changed only through the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lenke)
class LenkeAdmin(_BareLese):
    list_display = ["handling", "part", "deltaker_id", "opprettet", "sendt", "apnet", "brukt", "trukket", "utloper"]
    list_filter = ["handling", "part", "organisasjon"]
    exclude = ["token_hash"]


@admin.register(Signatur)
class SignaturAdmin(_BareLese):
    list_display = ["avtale_id", "part", "navn", "tidspunkt", "sha256"]
    list_filter = ["part", "organisasjon"]
