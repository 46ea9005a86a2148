"""The seeded Graph data every mailbox starts with after a reset: mail, calendars and people.

Deterministic per user, so tests can name the messages and events they expect; `store` calls
these modules when a mailbox is first touched.
"""
