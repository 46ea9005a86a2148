"""The current instant, in one place so tests can set the day the week view calls today."""

import datetime as dt


def now() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)
