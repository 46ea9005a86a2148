"""Whether a sign-in needs a page, and which one: Microsoft's consent rules in one place.

The inputs are plain records so the rules read like the documentation: admins may always consent
(and may tick "Consent on behalf of your organization"), personal accounts consent for
themselves, and what a non-admin sees depends on the tenant's policy, blocked apps and
risk-based step-up. Pages and the consent post both ask `decide`, so a forged post can never
grant what the page would not have offered.

UNCONFIRMED: the reference names the checkbox with `prompt=consent`; the sandbox offers it to
admins on every consent prompt (with or without `prompt=consent`), which is what the guide's
Method 2 needs: an admin who signs in through the app, or follows "Have an admin account? Sign
in with that account", ticks it and grants for the whole organization.
"""

from dataclasses import dataclass
from enum import StrEnum

from ..directory.models import AppRegistration, ConsentPolicy, Tenant, User
from ..directory.scopes import GRAPH_PERMISSIONS

# "Basic profile" for risk-based step-up: what sign-in alone needs (UNCONFIRMED: the reference
# says only "more than basic profile permissions").
BASIC_PROFILE = frozenset({"openid", "profile", "email", "offline_access", "User.Read"})


class Outcome(StrEnum):
    """What the flow does next; every value but ISSUE is a page."""

    ISSUE = "issue"
    PROMPT = "prompt"
    ADMIN_APPROVAL = "admin_approval"
    RISKY_APP = "risky_app"
    BLOCKED = "blocked"
    REQUEST_APPROVAL = "request_approval"
    REQUEST_PENDING = "request_pending"


@dataclass(frozen=True)
class Situation:
    """Everything the rules look at for one user, one app and one request."""

    tenant: Tenant
    user: User
    app: AppRegistration
    requested: list[str]
    granted: list[str]
    force_prompt: bool = False
    blocked: bool = False
    already_requested: bool = False


@dataclass(frozen=True)
class Decision:
    """The outcome, the permissions the page lists, and whether the admin checkbox is offered."""

    outcome: Outcome
    shown: list[str]
    on_behalf: bool = False


def is_risky(app: AppRegistration, user: User, requested: list[str]) -> bool:
    """Risk-based step-up's test: an unverified multi-tenant app from another tenant asking
    for more than basic profile permissions."""
    return (not app.publisher_verified and app.is_multi_tenant
            and app.home_tenant_id != user.tenant_id
            and any(scope not in BASIC_PROFILE for scope in requested))


def decide(situation: Situation) -> Decision:
    """No page when the effective grant covers the request (and no prompt=consent); otherwise
    the consent prompt (only the new scopes, or all with prompt=consent; admins also get the
    checkbox) or an interrupt."""
    missing = [s for s in situation.requested if s not in situation.granted]
    if not missing and not situation.force_prompt:
        return Decision(Outcome.ISSUE, [])
    shown = list(situation.requested) if situation.force_prompt else missing
    user = situation.user
    if user.is_personal:
        return Decision(Outcome.PROMPT, shown)
    if user.is_admin:
        return Decision(Outcome.PROMPT, shown, on_behalf=True)
    return Decision(_for_non_admin(situation, shown), shown)


def _for_non_admin(situation: Situation, shown: list[str]) -> Outcome:
    """A work account without admin rights: the tenant's policy decides."""
    policy = situation.tenant.consent_policy
    if situation.blocked:
        return Outcome.BLOCKED
    if policy == ConsentPolicy.ADMIN_CONSENT_WORKFLOW:
        if situation.already_requested:
            return Outcome.REQUEST_PENDING
        return Outcome.REQUEST_APPROVAL
    if policy == ConsentPolicy.ADMIN_APPROVAL_REQUIRED:
        return Outcome.ADMIN_APPROVAL
    if situation.tenant.risk_based_step_up and is_risky(
            situation.app, situation.user, situation.requested):
        return Outcome.RISKY_APP
    if any(s in GRAPH_PERMISSIONS and GRAPH_PERMISSIONS[s].admin_only for s in shown):
        return Outcome.ADMIN_APPROVAL
    return Outcome.PROMPT
