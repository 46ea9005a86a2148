"""The Mail plugin's settings, read through the core's ``plugin_config``.

``PLUGIN_MAIL_PAGE_SIZE`` (messages per page, 10 to 100, default 25) and
``PLUGIN_MAIL_PANEL_SIZE`` (unread messages on the home panel, 1 to 20, default 5), in
``instance/config.py`` or as ``POSTPRESS_PLUGIN_MAIL_...`` environment variables.
"""

from postpress_whitelabel.api import plugin_config

DEFAULTS = {"page_size": 25, "panel_size": 5}


def page_size() -> int:
    """Messages per list page."""
    return min(100, max(10, int(plugin_config("mail", DEFAULTS)["page_size"])))


def panel_size() -> int:
    """Unread messages shown on the home panel."""
    return min(20, max(1, int(plugin_config("mail", DEFAULTS)["panel_size"])))
