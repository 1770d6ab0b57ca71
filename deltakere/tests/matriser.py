"""Who may read a case, as the pages of every app that show one answer it.

persona → GET status for (own participant, colleague's participant, other organisation's participant)
"""

SAKSLESING = {
    "koordinator": (200, 200, 404),
    "faglarer": (200, 404, 404),
    "annen_faglarer": (404, 200, 404),
    "norsklarer": (200, 404, 404),
    "styring": (404, 404, 404),
    "koordinator_asker": (404, 404, 200),
    "superbruker": (404, 404, 404),
}
