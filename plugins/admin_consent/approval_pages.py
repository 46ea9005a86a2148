"""The pages of a person Microsoft stopped: "Administrator approval required" and its methods.

Method 1 (admin consent requests): the organization's admin consent workflow; the person sends
a request with a justification at Microsoft, their administrator approves it in Entra, the
person presses "Try again". Method 2 (consent on behalf of the organization): an administrator
signs in here and ticks "Consent on behalf of your organization", or opens the admin consent
link. Every state change is a POST; the page of an error is reached by its random handle.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from postpress_whitelabel.api import db, start_sign_in

from . import admin_message, admin_sign_in, app_facts, situations
from .blueprint import bp
from .consent_book import event_by_token

WHAT_YOU_SAW = (("need_admin_approval", "\u201cNeed admin approval\u201d"),
                ("approval_required", "\u201cApproval required\u201d, with a box for a reason"),
                ("cancelled", "The permissions, and I chose Cancel"))


def _event_or_404(token: str):
    """The event of a page.

    :raise 404: for an unknown handle.
    """
    event = event_by_token(token)
    if event is None:
        abort(404)
    return event


@bp.get("/needed/<token>")
def needed(token: str):
    """What happened, who must act, and the methods that fit the situation."""
    event = _event_or_404(token)
    facts = app_facts.current()
    if event.case == situations.DECLINED:
        return render_template("admin_consent/declined.html", event=event, facts=facts,
                               choices=WHAT_YOU_SAW)
    organization = event.tenant_id or event.domain
    link = admin_message.link_for(organization)
    subject, body = admin_message.message(facts.name if facts else "this app",
                                          facts.scopes if facts else (), link, event.domain)
    return render_template("admin_consent/approval_required.html", event=event, facts=facts,
                           situations=situations, link=link, subject=subject, body=body,
                           mailto=admin_message.mailto(subject, body))


@bp.post("/needed/<token>/seen")
def seen(token: str):
    """The person says what Microsoft showed them; a plain Cancel just tries again."""
    event = _event_or_404(token)
    answer = request.form.get("seen")
    if answer not in situations.SEEN:
        return start_sign_in()
    event.case = situations.SEEN[answer]
    db.session.commit()
    return redirect(url_for("admin_consent.needed", token=token), code=303)


@bp.post("/needed/<token>/organization")
def organization(token: str):
    """The person's work address names their organization, for the link and the message."""
    event = _event_or_404(token)
    domain = admin_message.domain_of(request.form.get("email"))
    if domain is None:
        return render_template("admin_consent/email_refused.html", token=token), 400
    event.domain = domain
    db.session.commit()
    return redirect(url_for("admin_consent.needed", token=token) + "#method-2", code=303)


@bp.post("/try-again")
def try_again():
    """Sign in again with no forced prompt: after approval, Microsoft asks nothing more."""
    return start_sign_in()


@bp.post("/sign-in-as-admin")
def sign_in_as_admin():
    """Method 2 on this device: an administrator signs in, on Microsoft's consent screen, with
    "Consent on behalf of your organization" to tick (``prompt=consent``, this trip only)."""
    event = event_by_token(request.form.get("token"))
    hint = (request.form.get("admin_email") or "").strip()
    hint = hint if admin_message.domain_of(hint) else None
    if event is None:
        return admin_sign_in.start(None, hint, None)
    return admin_sign_in.start(event.token, hint, event.domain)
