"""What plugins hand the core from their hooks: scopes, menu links, home panels, Settings blocks.

Plain frozen values, so a plugin builds them without touching anything else of the core; the
public API re-exports them for plugin packages.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scope:
    """A delegated Graph permission a plugin needs; ``reason`` is shown in Settings."""

    name: str
    reason: str
    optional: bool = False


@dataclass(frozen=True)
class MenuLink:
    """A top-bar navigation item."""

    label: str
    href: str


@dataclass(frozen=True)
class Panel:
    """A home-page panel: ``template`` rendered with ``context`` inside a card titled ``title``.

    ``requests`` (``BatchRequest`` items) are the Graph calls the panel needs: the core sends
    every panel's requests for one account in one ``$batch`` and renders the template with
    ``graph``, the responses by the panel's own request ids. A panel whose request failed
    shows its own error, and the others still render; except a request named in ``optional``
    (ids), whose failure reaches the template as a response with ``ok`` false and ``error``,
    so a panel can do without it (a mailbox's time zone, say).
    """

    title: str
    template: str
    context: dict = field(default_factory=dict)
    requests: tuple = ()
    optional: tuple = ()

    def __post_init__(self):
        """Accept one id or a list for ``optional``, and refuse ids no request has."""
        ids = (self.optional,) if isinstance(self.optional, str) else tuple(self.optional)
        unknown = set(ids) - {request.id for request in self.requests}
        if unknown:
            raise ValueError(f"Panel {self.title!r}: optional {sorted(unknown)} name no request")
        object.__setattr__(self, "optional", ids)


@dataclass(frozen=True)
class SettingsSection:
    """A block of the Settings page, rendered like a panel."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
