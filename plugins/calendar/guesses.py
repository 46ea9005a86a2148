"""What Microsoft's documentation does not say, guessed in one place (each UNCONFIRMED).

docs/calendar.md lists the same guesses; change both together.
"""

# calendarView's $top: Graph documents no upper bound for it. 500 keeps a busy week on one page;
# a week with more says so on the page instead of costing a second round trip.
VIEW_PAGE = 500
# Occurrences in a numbered series: Outlook refuses more than 999.
MAX_OCCURRENCES = 999
# Attendees on one event (and so schedules in one getSchedule): Graph documents no limit.
MAX_ATTENDEES = 100
