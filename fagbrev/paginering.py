"""A paginator whose count stays cheap on large lists, and honest about it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class BegrensetPaginator(Paginator):
    """Counts exactly up to `tak` rows; past that the page says «over 10 000» instead of the number.

    `COUNT(*)` over every row the user may see is the one part of a list page that grows with the
    register (an index scan of all of them). Counting at most `tak + 1` rows keeps the first pages
    equally fast at any size. Asking for a page past the cap (paging that far on purpose) counts
    exactly, so every row can still be reached.
    """

    def __init__(self, object_list, per_page, *, tak: int = 10_000, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.tak = tak
        self._eksakt = False

    @cached_property
    def count(self) -> int:
        # without the list's ORDER BY: any tak + 1 rows will do, and PostgreSQL stops there
        return self.object_list.order_by()[: self.tak + 1].count()

    @property
    def over_taket(self) -> bool:
        """More rows than were counted: `count` is then tak + 1, not the number of rows."""
        return not self._eksakt and self.count > self.tak

    @property
    def tak_tekst(self) -> str:
        return f"{self.tak:,}".replace(",", "\xa0")

    def validate_number(self, number):
        try:
            forbi_taket = int(number) > max(1, self.tak // self.per_page)
        except (TypeError, ValueError):
            forbi_taket = False
        if forbi_taket and self.over_taket:
            self.__dict__["count"] = self.object_list.order_by().count()
            self.__dict__.pop("num_pages", None)
            self._eksakt = True
        return super().validate_number(number)
