"""The list paginator counts up to a cap, says «over» past it, and still reaches every row."""

from deltakere.models import Deltaker
from deltakere.tests.factories import DeltakerFactory
from fagbrev.paginering import BegrensetPaginator


def _deltakere(fagretning, antall: int) -> list[int]:
    return [DeltakerFactory(fagretning=fagretning).pk for _ in range(antall)]


def test_under_the_cap_the_count_is_exact(fagretning):
    _deltakere(fagretning, 3)
    p = BegrensetPaginator(Deltaker.objects.order_by("pk"), 2, tak=4)
    assert (p.count, p.over_taket, p.num_pages) == (3, False, 2)


def test_past_the_cap_it_counts_one_more_and_says_over(fagretning, django_assert_num_queries):
    pks = _deltakere(fagretning, 7)
    p = BegrensetPaginator(Deltaker.objects.order_by("pk"), 2, tak=4)
    with django_assert_num_queries(2):  # the capped count and the page
        side = p.get_page(2)
        assert [d.pk for d in side] == pks[2:4]
    assert (p.count, p.over_taket, p.tak_tekst) == (5, True, "4")
    assert side.has_next()


def test_a_page_past_the_cap_counts_exactly_so_every_row_can_be_reached(fagretning):
    pks = _deltakere(fagretning, 7)
    p = BegrensetPaginator(Deltaker.objects.order_by("pk"), 2, tak=4)
    side = p.get_page(4)
    assert [d.pk for d in side] == pks[6:]
    assert (p.count, p.over_taket, p.num_pages, side.has_next()) == (7, False, 4, False)


def test_the_cap_text_groups_thousands_with_a_space():
    assert BegrensetPaginator([], 50).tak_tekst == "10\xa0000"
