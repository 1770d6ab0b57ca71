"""A case's statuses and the groups of them the rest of the system asks about: the one definition.

Every page, list, reminder, export and document that asks "is she in a pathway?", "is she followed up
at the workplace?" or "is the case closed?" uses a group from here (docs/domain-rules.md, «Status og
permisjon»). Which status a case has *on a given day* is `deltakere.models.status_pa_dato`.
"""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    HENVIST = "henvist", "Henvist"
    KARTLAGT = "kartlagt", "Kartlagt"
    TATT_OPP = "tatt_opp", "Tatt opp"
    AVSLATT = "avslatt", "Avslått"
    I_OPPLAERING = "i_opplaering", "I opplæring"
    PERMISJON = "permisjon", "Permisjon"
    TEORI_BESTATT = "teori_bestatt", "Teori bestått"
    FAGPROVE_MELDT_OPP = "fagprove_meldt_opp", "Fagprøve meldt opp"
    FULLFORT = "fullfort", "Fullført"
    AVBRUTT = "avbrutt", "Avbrutt"


S = Status

# In a pathway: started training and not yet finished (leave included).
AKTIV: tuple[str, ...] = (S.I_OPPLAERING, S.PERMISJON, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP)
# Followed up at the workplace (visits, the semester's assessment): in a pathway and not on leave.
PA_ARBEIDSPLASSEN: tuple[str, ...] = (S.I_OPPLAERING, S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP)
# Closed: no more reminders about her pathway; retention time runs from here.
AVSLUTTET: tuple[str, ...] = (S.FULLFORT, S.AVBRUTT, S.AVSLATT)
# A pathway that ended after admission (outcomes are recorded for these).
LOP_AVSLUTTET: tuple[str, ...] = (S.FULLFORT, S.AVBRUTT)
# How far she has come (the dashboard's nested steps; a terminated case counts up to admission).
TATT_OPP_ELLER_SENERE: tuple[str, ...] = (S.TATT_OPP, *AKTIV, *LOP_AVSLUTTET)
STARTET_OPPLAERING: tuple[str, ...] = (*AKTIV, S.FULLFORT)
TEORI_BESTATT_ELLER_SENERE: tuple[str, ...] = (S.TEORI_BESTATT, S.FAGPROVE_MELDT_OPP, S.FULLFORT)
# Started training at some point or closed after admission (documents about the training itself).
I_ELLER_ETTER_OPPLAERING: tuple[str, ...] = (*AKTIV, *LOP_AVSLUTTET)
