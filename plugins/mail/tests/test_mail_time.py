"""Message times in the mailbox's zone: any Windows zone a mailbox may hold, through the core's
one table (a short table of the mail plugin's own showed Cairo or Mexico City mailboxes UTC)."""

from datetime import UTC, datetime

from plugins.mail import mail_time
from postpress_whitelabel.api import BatchResponse

RECEIVED = "2027-01-15T10:00:00Z"


def test_windows_zones_beyond_the_common_ones_convert():
    for name, clock in (("Egypt Standard Time", "12:00"),
                        ("Central Standard Time (Mexico)", "04:00"),
                        ("Nepal Standard Time", "15:45"), ("Pacific Standard Time", "02:00")):
        tz, label = mail_time.zone(name)
        assert label == name
        assert mail_time.short(RECEIVED, tz, now=datetime(2027, 1, 15, 11, tzinfo=UTC)) == clock


def test_the_zone_comes_from_the_settings_answer_or_is_utc():
    answer = BatchResponse("settings", 200, {}, body={"timeZone": "Egypt Standard Time"})
    assert mail_time.from_answer(answer)[1] == "Egypt Standard Time"
    failed = BatchResponse("settings", 500, {}, body={"timeZone": "Egypt Standard Time"})
    assert mail_time.from_answer(failed) == (UTC, "UTC")
    assert mail_time.from_answer(None) == (UTC, "UTC")
    assert mail_time.zone("Mars Standard Time") == (UTC, "UTC")
