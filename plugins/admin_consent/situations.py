"""Which consent situation a Microsoft error describes, read from its AADSTS code.

The codes come from Microsoft's consent documentation (see the reference's table): 90094 "needs
permission ... only an admin can grant", 90095 the admin consent workflow, 900941/900981
risk-based step-up consent for an unverified app, 65004 the person declined or went back
without consenting, 65001 consent never given. Microsoft sends the person who leaves "Need admin
approval" back with the same 65004 as a plain Cancel, so "declined" is a situation of its own:
the page asks what they saw instead of guessing.
"""

from __future__ import annotations

ADMIN_APPROVAL = "admin_approval"    # the organization lets only administrators consent
REQUEST_SENT = "request_sent"        # admin consent workflow: a request waits for review
WORKFLOW = "workflow"                # admin consent workflow: the person may send a request
RISKY_APP = "risky_app"              # risk-based step-up: unverified publisher
DECLINED = "declined"                # back from Microsoft without consenting (any reason)
ADMIN_REFUSED = "admin_refused"      # the admin consent trip: cancelled or not an admin
ADMIN_ERROR = "admin_error"          # the admin consent trip: any other error

CASES = (ADMIN_APPROVAL, REQUEST_SENT, WORKFLOW, RISKY_APP, DECLINED, ADMIN_REFUSED,
         ADMIN_ERROR)
# How the organizations page names each situation.
LABELS = {ADMIN_APPROVAL: "Only administrators may consent", REQUEST_SENT: "Approval requested",
          WORKFLOW: "May request approval", RISKY_APP: "Blocked as an unverified app",
          DECLINED: "Came back without consenting", ADMIN_REFUSED: "Administrator did not approve",
          ADMIN_ERROR: "Approval failed"}
# What blocks an organization's users until an administrator acts (the organizations page).
BLOCKING = frozenset({ADMIN_APPROVAL, REQUEST_SENT, WORKFLOW, RISKY_APP})

_BY_CODE = {
    90093: ADMIN_APPROVAL,   # asks for permissions the user may not grant
    90094: ADMIN_APPROVAL,
    90095: REQUEST_SENT,
    900941: RISKY_APP,
    900981: RISKY_APP,
    65004: DECLINED,
    65001: DECLINED,
}
# What the person says Microsoft showed them, on the "declined" page.
SEEN = {"need_admin_approval": ADMIN_APPROVAL, "approval_required": WORKFLOW}


def sign_in_case(error) -> str | None:
    """The situation of a sign-in error, or None when it is not about consent."""
    case = _BY_CODE.get(error.aadsts)
    if case is not None:
        return case
    if error.error == "consent_required" or error.suberror == "cancel":
        return DECLINED
    return None


def admin_trip_case(error) -> str:
    """The situation of an error on the admin consent callback.

    Microsoft's documentation shows a cancelled admin consent as ``error=consent_required``
    with AADSTS65004; captured answers show ``access_denied`` with the same code. Both, and a
    bare cancel subcode, mean the administrator did not approve.
    """
    refused = (error.aadsts == 65004 or error.suberror == "cancel"
               or (error.aadsts is None and error.error in ("access_denied", "consent_required")))
    return ADMIN_REFUSED if refused else ADMIN_ERROR
