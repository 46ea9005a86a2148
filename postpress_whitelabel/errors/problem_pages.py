"""Error pages that say what happened, who must act and what to do.

Failures of our own checks (a replayed ``state``, a forged id_token, a tenant not allowed) are
described with the same Advice shape as Microsoft's AADSTS errors, so one template serves both and
every page names the person who can fix it.
"""

from __future__ import annotations

from flask import render_template

from ..microsoft.advice import Actor, Advice
from ..microsoft.errors import MicrosoftError

_START_AGAIN = "Go back to the start page and press the Sign in button again."

LOCAL = {
    "state_missing": Advice(
        "This sign-in response is incomplete", Actor.END_USER,
        "The answer that came back from Microsoft did not say which sign-in it belongs to, so "
        "it changed nothing: if you were signed in, you still are.", _START_AGAIN, True, 400),
    "state_unknown": Advice(
        "This sign-in link was already used", Actor.END_USER,
        "Each sign-in can be completed once. This one was already completed (reloading the page "
        "that finished it does this), or was never started here, so it changed nothing: if you "
        "were signed in, you still are.", "Go back to the start page; if you are not signed in, "
        "press the Sign in button again.", True, 400),
    "state_expired": Advice(
        "This sign-in took too long", Actor.END_USER,
        "The sign-in was started more than ten minutes ago and has expired.", _START_AGAIN,
        True, 400),
    "state_other_browser": Advice(
        "This sign-in was started in another browser", Actor.END_USER,
        "The answer from Microsoft belongs to a sign-in that this browser did not start, or this "
        "browser no longer has the cookie that started it (you signed out since, or cookies were "
        "cleared or blocked). It was "
        "refused to protect you from being signed in to someone else's account.",
        "Start the sign-in again from this browser.", True, 400),
    "code_missing": Advice(
        "Microsoft did not send an authorization code", Actor.END_USER,
        "The answer from Microsoft had neither a code nor an error, so it changed nothing.",
        _START_AGAIN, True, 400),
    "id_token_invalid": Advice(
        "The sign-in response failed a security check", Actor.INTEGRATOR,
        "The identity token in Microsoft's answer did not pass validation (signature, issuer, "
        "audience, lifetime or nonce), so nobody was signed in and nothing was stored.",
        "Try again once. If it keeps happening, the developer should check that "
        "MICROSOFT_LOGIN_URL and MICROSOFT_TENANT point at the real identity platform and that "
        "the server clock is correct; the server log names the failed check.", True, 400),
    "tenant_not_allowed": Advice(
        "Your organization cannot use this app", Actor.ADMIN,
        "This app only accepts Microsoft accounts from approved organizations, and yours is not "
        "one of them.",
        "Ask the people who run this app to add your organization's tenant ID to "
        "ALLOWED_TENANTS, or sign in with an account from an approved organization.", False, 403),
    "admin_email_unverified": Advice(
        "This page is for administrators Microsoft vouches for", Actor.INTEGRATOR,
        "Administrators are recognised by an email address Microsoft confirms, and it did not "
        "confirm yours: either this app's registration does not ask for the xms_edov claim, or "
        "Microsoft does not count your email's domain as verified. Anyone can be given an "
        "unconfirmed address, so the page stays closed.",
        "If you are one of this app's administrators, the developer should open the Entra admin "
        "center > App registrations > the app > Token configuration, add the optional claims "
        "email and xms_edov to the ID token (or xms_edov to optionalClaims.idToken in the "
        "Manifest); then sign out and in again. Otherwise, ask the people who run this app.",
        False, 403),
    "account_owned": Advice(
        "That Microsoft account is linked to someone else", Actor.END_USER,
        "The Microsoft account you chose is already connected to another user of this app, and "
        "an account can belong to one user only. Nothing was changed.",
        "Connect a different Microsoft account, or sign in as the user who owns it and "
        "disconnect it there first.", False, 409),
    "linked_elsewhere": Advice(
        "This Microsoft account is connected to another person's profile", Actor.END_USER,
        "Someone connected this Microsoft account to their own profile here, so it cannot be "
        "used to sign in. Nobody was signed in.",
        "Ask that person to disconnect it from their Accounts page, then sign in again. If you "
        "did not expect this, tell the people who run this app.", False, 409),
    "wrong_account": Advice(
        "You chose a different Microsoft account", Actor.END_USER,
        "The permissions were asked for one account, and Microsoft answered for another. "
        "Nothing was changed.",
        "Start again and pick the same account at Microsoft's sign-in page.", True, 409),
    "sign_in_first": Advice(
        "Sign in before connecting another account", Actor.END_USER,
        "Connecting an additional Microsoft account needs you to be signed in, and your session "
        "ended while you were at Microsoft.", _START_AGAIN, True, 401),
    "credentials_changed": Advice(
        "The app's Microsoft credentials changed during your sign-in", Actor.END_USER,
        "An administrator switched this app's Microsoft credentials while you were signing in.",
        _START_AGAIN, True, 409),
    "flow_unclaimed": Advice(
        "This answer from Microsoft has no one to take it", Actor.INTEGRATOR,
        "Microsoft sent back the result of a step that a plugin started, but that plugin is no "
        "longer enabled, so nothing was done with it.",
        "The people who run this app should check PLUGINS and DISABLED_PLUGINS; "
        "`flask postpress plugins` lists what is loaded.", False, 400),
    "not_configured": Advice(
        "Sign-in with Microsoft is not set up", Actor.INTEGRATOR,
        "This app has no Microsoft client ID and secret configured.",
        "Set DEFAULT_CLIENT_ID and DEFAULT_CLIENT_SECRET, or save custom credentials in "
        "Settings > Microsoft OAuth, or run the demo command to use the offline sandbox.",
        False, 503),
    "microsoft_unreachable": Advice(
        "Microsoft could not be reached", Actor.INTEGRATOR,
        "The app could not load Microsoft's sign-in configuration or reach its token endpoint, "
        "or what came back was not trustworthy.",
        "Try again in a minute. If it persists, the developer should check MICROSOFT_LOGIN_URL, "
        "MICROSOFT_TENANT and the server's outbound network access.", True, 502),
}


def render_problem(advice: Advice | str, error: MicrosoftError | None = None,
                   status: int | None = None):
    """The error page and its status: Microsoft's ids shown when the error came from Microsoft."""
    if isinstance(advice, str):
        advice = LOCAL[advice]
    body = render_template("problem.html", advice=advice, error=error)
    return body, status or advice.status
