"""The yardstick: Django admin's participant changelist as a team would set it up for a coordinator.

Fair against our list: 50 rows, no second full count (`show_full_result_count`), the search as admin
does it (`icontains` over first and last name; the trigram index of
deltakere/migrations/0002_trigram_navn_sok.py serves our list's `navn_sok` only), and one
organisation's coordinator as the user, so it reads her organisation's rows only. A separate admin site
mounted by the benchmark's own URLconf (`bench.urls`); the project's admin is untouched.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite

from deltakere.admin import DeltakerAdmin
from deltakere.models import Deltaker
from fagbrev.permissions import KOORDINATOR


class Referanseside(AdminSite):
    site_header = "Referanse"

    def has_permission(self, request) -> bool:
        return request.user.is_active and bool(request.user.organisasjoner_med(KOORDINATOR))


class ReferanseDeltakerAdmin(DeltakerAdmin):
    list_per_page = 50
    show_full_result_count = False
    list_filter = ("status", "fagretning")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisasjon_id__in=request.user.organisasjoner_med(KOORDINATOR))

    def has_module_permission(self, request) -> bool:
        return True

    def has_view_permission(self, request, obj=None) -> bool:
        return True

    def has_change_permission(self, request, obj=None) -> bool:
        return False


site = Referanseside(name="referanse")
site.register(Deltaker, ReferanseDeltakerAdmin)
