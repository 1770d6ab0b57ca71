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

# What only the case's coordinators may do (a write page, or a document of a field group teachers do
# not see): the teachers who see the case get 403, the others 404 as above.
BARE_KOORDINATOR = {
    **SAKSLESING,
    "faglarer": (403, 404, 404),
    "annen_faglarer": (404, 403, 404),
    "norsklarer": (403, 404, 404),
}
# … the same for the own participant alone, as (persona, status) pairs for pytest.mark.parametrize
BARE_KOORDINATOR_EGEN_SAK = [(hvem, rad[0]) for hvem, rad in BARE_KOORDINATOR.items()]
