"""Which zone names a dateTimeTimeZone may carry: every Windows zone (Unicode CLDR's full
windowsZones table) and the IANA names Microsoft's dateTimeTimeZone page lists, nothing else."""

import pytest

from microsoft_sandbox.graph import timezones
from microsoft_sandbox.graph.timezones import WINDOWS_TO_IANA

from .graph_helpers import graph_error


def meeting(zone: str) -> dict:
    """A one-hour meeting with both ends in ``zone``."""
    return {"subject": f"In {zone}",
            "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": zone},
            "end": {"dateTime": "2026-12-01T11:00:00", "timeZone": zone}}


@pytest.mark.parametrize("zone", ["Pakistan Standard Time", "Central Standard Time (Mexico)",
                                  "Egypt Standard Time", "E. Australia Standard Time",
                                  "Asia/Kolkata", "Europe/Kyiv", "Europe/Kiev"])
def test_windows_zones_and_documented_iana_names_are_accepted(adele, zone):
    """Zones the calendar sends (a Windows one for any zone a person picks) make an event."""
    created = adele.post("/me/events", json=meeting(zone))
    assert created.status_code == 201, created.text
    assert created.json()["originalStartTimeZone"] == zone


@pytest.mark.parametrize("zone", ["Europe/Chisinau", "America/Argentina/Salta", "Asia/Calcutta"])
def test_iana_names_off_the_documented_list_are_400(adele, zone):
    """Real IANA zones the page does not list are refused, as Graph refuses them."""
    graph_error(adele.post("/me/events", json=meeting(zone)), 400,
                "TimeZoneNotSupportedException")


def test_every_windows_zone_of_cldr_is_known():
    """The full table: 139 Windows zones, each computed with a zone zoneinfo has."""
    assert len(WINDOWS_TO_IANA) >= 139
    assert [name for name in WINDOWS_TO_IANA if timezones.zone(name) is None] == []
