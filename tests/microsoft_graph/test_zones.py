"""Zone names between Graph (Windows, a few IANA) and zoneinfo (IANA): one full CLDR table."""

from postpress_whitelabel.microsoft.graph.batch import BatchResponse
from postpress_whitelabel.microsoft.graph.zones import mailbox_zone, mappable, to_iana, to_windows


def test_windows_names_map_to_cldr_territory_001_zones():
    """Names mailboxes hold, including ones a short table missed, compute in the right zone."""
    assert to_iana("Pacific Standard Time") == "America/Los_Angeles"
    assert to_iana("Pakistan Standard Time") == "Asia/Karachi"
    assert to_iana("E. Australia Standard Time") == "Australia/Brisbane"
    assert to_iana("Central Standard Time (Mexico)") == "America/Mexico_City"
    assert to_iana("Europe/Paris") == "Europe/Paris"
    assert to_iana("Mars/Olympus") is None and to_iana("") is None and to_iana(None) is None


def test_every_offered_zone_has_a_windows_name():
    """Whatever zone a person picks, Graph is sent a Windows name, never a raw IANA one."""
    offered = mappable()
    assert len(offered) > 400
    assert "America/Argentina/Salta" in offered and "Europe/Chisinau" in offered
    assert all(to_windows(name) for name in offered)
    assert to_windows("America/Argentina/Salta") == "Argentina Standard Time"
    assert to_windows("Tokyo Standard Time") == "Tokyo Standard Time"
    assert to_windows("Mars/Olympus") is None


def test_mailbox_zone_reads_a_settings_answer():
    """The zone as the mailbox names it; None when the answer failed or names no zone."""
    assert mailbox_zone(BatchResponse("s", 200, {}, body={"timeZone": "Egypt Standard Time"})) \
        == "Egypt Standard Time"
    assert mailbox_zone(BatchResponse("s", 403, {}, body={"error": {"code": "x"}})) is None
    assert mailbox_zone(BatchResponse("s", 200, {}, body={"timeZone": "Nowhere"})) is None
    assert mailbox_zone(BatchResponse("s", 200, {}, body="text")) is None
    assert mailbox_zone(None) is None
