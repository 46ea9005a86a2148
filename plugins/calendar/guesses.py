"""What Microsoft's documentation does not say, guessed in one place (each UNCONFIRMED).

docs/calendar.md lists the same guesses; change both together.
"""

# Occurrences in a numbered series: Outlook refuses more than 999.
MAX_OCCURRENCES = 999
# Attendees on one event (and so schedules in one getSchedule): Graph documents no limit.
MAX_ATTENDEES = 100
