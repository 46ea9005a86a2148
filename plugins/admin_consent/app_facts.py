"""The app an administrator is asked to approve, as Microsoft's consent screen names it.

The default app's name and verified publisher are known to the core; a custom app's live in
Entra, so the integrator states them in this plugin's settings
(``PLUGIN_ADMIN_CONSENT_CUSTOM_APP_NAME``, ``PLUGIN_ADMIN_CONSENT_CUSTOM_PUBLISHER_VERIFIED``:
``yes``, ``no``, or empty for "not known").
"""

from __future__ import annotations

from dataclasses import dataclass

from postpress_whitelabel.api import active_app, plugin_config

DEFAULTS = {"custom_app_name": "", "custom_publisher_verified": ""}


@dataclass(frozen=True)
class AppFacts:
    """Name, publisher verification (None: not known), credentials and permissions."""

    name: str
    verified: bool | None
    source: str
    client_id: str
    scopes: tuple[str, ...]

    @property
    def credentials_label(self) -> str:
        return "custom credentials" if self.source == "custom" else "default credentials"


def current() -> AppFacts | None:
    """The active app's facts, or None when no Microsoft credentials are configured."""
    app = active_app()
    if app is None:
        return None
    if app.source != "custom":
        return AppFacts(app.name or "this app", app.publisher_verified, app.source,
                        app.client_id, app.scopes)
    settings = plugin_config("admin_consent", DEFAULTS)
    stated = settings["custom_publisher_verified"].strip().lower()
    verified = {"yes": True, "true": True, "no": False, "false": False}.get(stated)
    return AppFacts(settings["custom_app_name"].strip() or "this app's own Entra app",
                    verified, app.source, app.client_id, app.scopes)
