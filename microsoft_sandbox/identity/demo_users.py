"""The "Demo users" panel beside the account picker: which user shows which consent policy.

Microsoft's page has no such panel; the sandbox adds it, outside the imitation of Microsoft's
card, so whoever runs a demo picks the right person for each part of the guide. It is read from
the live directory, so a policy changed in the portal's consent settings (or by a knob) is
described as it now is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..directory.models import ConsentPolicy, Tenant, User

POLICY_WORDS = {
    ConsentPolicy.USER_CONSENT_ALLOWED: "Users may consent: they accept the app themselves.",
    ConsentPolicy.ADMIN_APPROVAL_REQUIRED: (
        "Admin approval required: users are stopped at \"Need admin approval\"; an admin "
        "consents on behalf of the organization."),
    ConsentPolicy.ADMIN_CONSENT_WORKFLOW: (
        "Admin consent workflow: users send a request with a reason; an admin approves it in "
        "the portal's Enterprise applications."),
}
STEP_UP_WORDS = ("Risk-based step-up: users may not consent to an unverified multitenant app "
                 "asking for more than profile permissions; a verified publisher gets through.")
PERSONAL_WORDS = "Personal Microsoft account: no organization, no admin, consents for itself."


@dataclass(frozen=True)
class TenantGuide:
    """One directory of the panel: its name, what its policy shows, its people."""

    name: str
    policy: list[str]
    users: list[User]


def _policy(tenant: Tenant) -> list[str]:
    if tenant.is_personal:
        return [PERSONAL_WORDS]
    lines = [POLICY_WORDS.get(tenant.consent_policy, str(tenant.consent_policy))]
    if tenant.risk_based_step_up:
        lines.append(STEP_UP_WORDS)
    return lines


def guide(users: list[User], tenant: Callable[[str], Tenant | None]) -> list[TenantGuide]:
    """The directories in the order their first user appears in the picker, admins first;
    ``tenant`` finds a directory by id."""
    order: list[str] = []
    for user in users:
        if user.tenant_id not in order:
            order.append(user.tenant_id)
    panel = []
    for tenant_id in order:
        found = tenant(tenant_id)
        if found is None:
            continue
        people = sorted((u for u in users if u.tenant_id == tenant_id),
                        key=lambda u: not u.is_admin)
        panel.append(TenantGuide(found.display_name, _policy(found), people))
    return panel
