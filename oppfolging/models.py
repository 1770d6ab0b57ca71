"""Follow-up: visits, assessment meetings, meetings (models arrive with the follow-up issue)."""
