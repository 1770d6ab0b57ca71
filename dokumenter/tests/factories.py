import datetime

from arbeidsgivere.tests.factories import PlasseringFactory as _PlasseringFactory


class PlasseringFactory(_PlasseringFactory):
    """A placement as the documents show it: start of the autumn term, with weekly hours."""

    fra = datetime.date(2025, 8, 18)
    timer_per_uke = 22.5
