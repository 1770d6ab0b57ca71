"""Log filter that masks anything that validates as a fødselsnummer, wherever it comes from."""

import logging
import re

from .identifikatorer import masker_fodselsnummer, ser_ut_som_fodselsnummer

_ELLEVE_SIFFER = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")


def masker_tekst(tekst: str) -> str:
    def bytt(m: re.Match) -> str:
        nummer = m.group(0).replace(" ", "")
        return masker_fodselsnummer(nummer) if ser_ut_som_fodselsnummer(nummer) else m.group(0)

    return _ELLEVE_SIFFER.sub(bytt, tekst)


class MaskerFodselsnummer(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            melding = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        maskert = masker_tekst(melding)
        if maskert != melding:
            record.msg, record.args = maskert, ()
        return True
