"""Advice for the Settings credentials test, where some errors mean something else.

The test asks for an app-only token on the Directory (tenant) ID typed in the form, and there is
no sign-in to retry: a missing app or tenant points at the form's fields, and Microsoft's own
trouble means "test again", not "sign in again".
"""

from .advice import Actor, Advice
from .advice import make as _a

__all__ = ["CREDENTIALS_TEST", "CREDENTIALS_TEST_BY_ERROR"]

CREDENTIALS_TEST: dict[int, Advice] = {
    700016: _a(Actor.INTEGRATOR, "Microsoft cannot find this app in that directory",
        "No app with this Application (client) ID is registered in, or consented to by, the "
        "directory given as Directory (tenant) ID.",
        "Copy both IDs from the app's Overview page: the Application (client) ID (not the Object "
        "ID) and the Directory (tenant) ID of the directory the app is registered in.",
    ),
    90002: _a(Actor.INTEGRATOR, "Microsoft cannot find that directory",
        "The Directory (tenant) ID does not name a directory Microsoft knows.",
        "Copy the Directory (tenant) ID from the app's Overview page.",
    ),
}
CREDENTIALS_TEST_BY_ERROR: dict[str, Advice] = {
    "server_error": _a(Actor.INTEGRATOR, "Microsoft had a problem",
        "Microsoft's token service returned an error on its side, so it could not judge these "
        "credentials.",
        "Wait a minute and test again.",
        status=502,
    ),
    "temporarily_unavailable": _a(Actor.INTEGRATOR, "Microsoft is busy",
        "Microsoft's token service is temporarily unavailable, so it could not judge these "
        "credentials.",
        "Wait a few minutes and test again.",
        status=503,
    ),
}
