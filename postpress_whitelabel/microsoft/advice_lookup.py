"""Choosing the advice for an error: the most specific the catalogs know, else a generic one
that still names the code."""

from .aadsts import BY_ERROR, CATALOG, SUBERRORS
from .advice import Actor, Advice
from .advice import make as _a
from .credentials_test_advice import CREDENTIALS_TEST, CREDENTIALS_TEST_BY_ERROR


def advice_for(aadsts: int | None, error: str | None, suberror: str | None = None,
               source: str | None = None) -> Advice:
    """The most specific advice known: AADSTS code, then suberror, then ``error``, then generic.

    A few codes read differently for the Settings credentials test (``source`` is
    ``client_credentials``). The generic fallback names only the code (never Microsoft's text) so
    the page still tells the developer what to look up.
    """
    if source == "client_credentials":
        if aadsts in CREDENTIALS_TEST:
            return CREDENTIALS_TEST[aadsts]
        if isinstance(error, str) and error in CREDENTIALS_TEST_BY_ERROR:
            return CREDENTIALS_TEST_BY_ERROR[error]
    if isinstance(aadsts, int) and aadsts in CATALOG:
        return CATALOG[aadsts]
    for table, key in ((SUBERRORS, suberror), (BY_ERROR, error)):
        if isinstance(key, str) and key.lower() in table:
            return table[key.lower()]
    return _unrecognised(aadsts, error)


def _unrecognised(aadsts: int | None, error: str | None) -> Advice:
    """Generic advice that names the code when it is safe to show."""
    if isinstance(aadsts, int) and not isinstance(aadsts, bool) and 0 < aadsts < 10**9:
        label = f"AADSTS{aadsts}"
    elif isinstance(error, str) and 0 < len(error) <= 64 and error.replace("_", "").isalnum():
        label = error
    else:
        label = "the error"
    return _a(Actor.INTEGRATOR, "Microsoft returned an error we don't recognise",
        f"Microsoft stopped the sign-in with an error this app has no advice for ({label}).",
        f"Try signing in again. If it happens again, the developer should look up {label} in "
        "Microsoft's AADSTS error code reference and quote the trace and correlation IDs shown "
        "here to Microsoft support.",
        retry=True,
    )
