"""Advice: what an error means for a person, who must act, and what to do.

One shape for Microsoft's AADSTS errors and for the app's own refusals, so one page template
renders both.
"""

from dataclasses import dataclass
from enum import StrEnum


class Actor(StrEnum):
    """Who must act: the person signing in, their organization's admin, the developer, or us."""

    END_USER = "end_user"
    ADMIN = "admin"
    INTEGRATOR = "integrator"
    APP = "app"


@dataclass(frozen=True)
class Advice:
    """Everything the error page needs; ``status`` is the HTTP status our page answers with."""

    title: str
    who: Actor
    what_happened: str
    what_to_do: str
    retry_sign_in: bool
    status: int


# Defaults per actor: users and app glitches can usually just start again; configuration and
# policy problems will fail the same way until someone changes something.
_DEFAULTS = {
    Actor.END_USER: (True, 401),
    Actor.ADMIN: (False, 403),
    Actor.INTEGRATOR: (False, 400),
    Actor.APP: (True, 400),
}

def make(who: Actor, title: str, happened: str, todo: str, *, retry=None, status=None) -> Advice:
    """An Advice with the actor's usual retry and status, so catalogs stay readable."""
    default_retry, default_status = _DEFAULTS[who]
    return Advice(
        title=title,
        who=who,
        what_happened=happened,
        what_to_do=todo,
        retry_sign_in=default_retry if retry is None else retry,
        status=default_status if status is None else status,
    )
