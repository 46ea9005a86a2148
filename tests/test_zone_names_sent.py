"""Every time zone name the built-in plugins send Graph is one Graph (and so the sandbox)
accepts: a Windows zone, whichever of the hundreds of offered zones a person picked."""

import datetime as dt
from zoneinfo import ZoneInfo

from microsoft_sandbox.graph import timezones
from plugins.calendar import zones


def test_every_zone_the_calendar_offers_is_sent_as_a_name_graph_knows():
    offered = [name for name, _ in zones.choices()]
    assert len(offered) > 400 and "UTC" in offered
    sent = {name: zones.for_graph(name) for name in offered}
    assert [name for name, windows in sent.items() if timezones.zone(windows) is None] == []
    assert sent["Asia/Karachi"] == "Pakistan Standard Time"
    assert sent["America/Mexico_City"] == "Central Standard Time (Mexico)"
    assert sent["America/Argentina/Salta"] == "Argentina Standard Time"


def test_a_sent_zone_computes_the_same_offsets_as_the_picked_one():
    """Sending the Windows name keeps the wall time's meaning (same offset now and in July)."""
    for name in ("Asia/Karachi", "Africa/Cairo", "Australia/Brisbane", "America/Regina"):
        for when in (dt.datetime(2027, 1, 15, 12), dt.datetime(2027, 7, 15, 12)):
            picked = when.replace(tzinfo=ZoneInfo(name)).utcoffset()
            sent = when.replace(tzinfo=timezones.zone(zones.for_graph(name))).utcoffset()
            assert picked == sent, (name, when)
