"""Request bodies as Graph reads them: action parameters by name without regard to case, and
`@odata.type` annotations checked against the type a property expects.

Graph's OData layer matches action parameter names case-insensitively, so the SDKs' generated
`{"Comment": ..., "SendResponse": ...}` works like `{"comment": ..., "sendResponse": ...}`. The
SDKs also annotate every object they serialize (`"@odata.type": "#microsoft.graph.message"`):
the right type (or a derived one) is accepted, another known type or an unknown name is 400.
Every action reads its body through `action_params`, so this lives in one place.
"""

from .errors import bad_request
from .owners import json_body

# Derived types the sandbox knows of, {base: derived types}: an annotation may name the
# expected type or one derived from it.
DERIVED = {
    "microsoft.graph.attachment": ("microsoft.graph.fileAttachment",
                                   "microsoft.graph.itemAttachment",
                                   "microsoft.graph.referenceAttachment"),
    "microsoft.graph.outlookItem": ("microsoft.graph.message", "microsoft.graph.event"),
    "microsoft.graph.recipient": ("microsoft.graph.attendee",),
}
KNOWN_TYPES = frozenset((
    "microsoft.graph.message", "microsoft.graph.event", "microsoft.graph.attachment",
    "microsoft.graph.fileAttachment", "microsoft.graph.itemAttachment",
    "microsoft.graph.referenceAttachment", "microsoft.graph.recipient",
    "microsoft.graph.attendee", "microsoft.graph.emailAddress", "microsoft.graph.itemBody",
    "microsoft.graph.followupFlag", "microsoft.graph.mailboxSettings",
    "microsoft.graph.workingHours", "microsoft.graph.dateTimeTimeZone",
    "microsoft.graph.location", "microsoft.graph.outlookItem", "microsoft.graph.mailFolder",
    "microsoft.graph.automaticRepliesSetting", "microsoft.graph.localeInfo",
    "microsoft.graph.timeZoneBase", "microsoft.graph.patternedRecurrence",
))


def not_assignable(found: str, expected: str) -> str:
    """UNCONFIRMED: the wording of OData's refusal of a known but unrelated type, as ODataLib
    words it; Graph's documentation does not show this error."""
    return (f"A resource with type '{found}' was found, but it is not assignable to the "
            f"expected type '{expected}'. The type specified in the resource must be equal to "
            "either the expected type or a derived type.")


def unresolved(found: str) -> str:
    """UNCONFIRMED, as above: OData's refusal of a type name the model does not know."""
    return (f"A type named '{found}' could not be resolved by the model. When a model is "
            "available, each type name must resolve to a valid type.")


def check_type(value, expected: str) -> None:
    """Accept an object whose `@odata.type` (if any) is `expected` or derived from it.

    :raise GraphError: 400 BadRequest for another type or a name the model lacks.
    """
    if not isinstance(value, dict) or "@odata.type" not in value:
        return
    raw = value["@odata.type"]
    name = raw[1:] if isinstance(raw, str) and raw.startswith("#") else raw
    if not isinstance(name, str) or name not in KNOWN_TYPES:
        raise bad_request(unresolved(str(name)))
    if name != expected and name not in DERIVED.get(expected, ()):
        raise bad_request(not_assignable(name, expected))


def check_types(values, expected: str) -> None:
    """`check_type` on every item of a list (anything else is left to the caller)."""
    if isinstance(values, list):
        for value in values:
            check_type(value, expected)


def action_params(action: str, names: tuple[str, ...]) -> dict:
    """The request body of an action, keyed by the parameters' own spelling.

    :param action: the action's name, for the error message.
    :param names: the parameters the action takes, in Graph's spelling.
    :raise GraphError: 400 for a parameter the action lacks, or one given twice in
        different cases.
    """
    canonical = {name.lower(): name for name in names}
    params: dict = {}
    for key, value in json_body().items():
        if key.startswith("@odata."):
            continue
        name = canonical.get(key.lower())
        if name is None:
            raise bad_request(f"The parameter '{key}' in the request payload is not a valid "
                              f"parameter for the operation '{action}'.")
        if name in params:
            raise bad_request(f"The parameter '{name}' is specified multiple times in the "
                              "request payload.")
        params[name] = value
    return params
