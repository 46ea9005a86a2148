"""`POST /v1.0/$batch`: JSON batching, up to 20 requests in one round trip.

Each inner request is dispatched through this same app (counted, throttled and faulted on its
own, with the outer request's token) and answered as `{id, status, headers, body}`.
Requests run in waves: those whose `dependsOn` are done run together, up to four at a time as
Outlook allows per mailbox (side by side only while a latency knob is in force: otherwise the
work is all CPU and one thread is faster); a request whose dependency failed gets 424 without
running. Each wave gets its own threads: with one pool shared by all batches, requests waiting
on jobs queued behind them could hold every worker and hang the server.
A malformed batch is refused whole with 400, including an inner URL that is, once
percent-decoded, absolute, another `$batch` or a `..` climb out of `/v1.0/`.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote

from flask import Flask, current_app, request

from ..web import get_sandbox
from . import access, owners
from .blueprint import bp
from .errors import bad_request
from .responses import json_response

MAX_REQUESTS = 20
METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
CONCURRENCY = 4
FORBIDDEN_HEADER_CHARS = frozenset("\r\n\0")
PASSED_HEADERS = ("Content-Type", "Location", "Retry-After", "Preference-Applied",
                  "Cache-Control", "request-id", "client-request-id")
# UNCONFIRMED: the exact code and wording Graph uses for a failed dependency.
FAILED_DEPENDENCY = {"error": {"code": "FailedDependency",
                               "message": "The request depends on a request that failed."}}


def _check_url(url, rid: str) -> str:
    """An inner URL relative to `/v1.0/`, judged as the app will route it: percent-decoded.

    :raise GraphError: 400 for a missing, absolute (`://` or `//`), climbing (`..`), doubled
        `/v1.0/` or nested-batch URL.
    """
    if not isinstance(url, str) or not url:
        raise bad_request(f"Invalid method or url in request id : {rid}.")
    path = unquote(url.partition("?")[0]).replace("\\", "/")
    segments = path.removeprefix("/").split("/")
    if "://" in url or "" in segments[:-1] or segments[0].lower() == "v1.0" \
            or any(s in (".", "..") or s.lower() == "$batch" for s in segments):
        raise bad_request(f"Invalid url '{url}' in request id : {rid}; it must be relative "
                          "to /v1.0 and not a batch.")
    return url


def _check_headers(headers, rid: str) -> dict:
    """Inner request headers as strings, none able to split a header line.

    :raise GraphError: 400 for a non-object, a non-scalar value or a CR, LF or NUL anywhere.
    """
    if not isinstance(headers, dict):
        raise bad_request(f"Invalid headers in request id : {rid}.")
    checked = {}
    for name, value in headers.items():
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise bad_request(f"Invalid value for header '{name}' in request id : {rid}.")
        text = str(value)
        if not name or FORBIDDEN_HEADER_CHARS.intersection(name + text):
            raise bad_request(f"Invalid header '{name}' in request id : {rid}.")
        checked[name] = text
    return checked


def _body_data(item: dict, rid: str) -> str | None:
    """The inner body as the text to send: a string as is, anything else as JSON.

    :raise GraphError: 400 for a body too deeply nested to serialize.
    """
    body = item.get("body")
    if body is None or isinstance(body, str):
        return body
    try:
        return json.dumps(body)
    except (ValueError, RecursionError) as exc:
        raise bad_request(f"Invalid body in request id : {rid}.") from exc


def _check_item(item, seen: set) -> dict:
    """One inner request, checked.

    :raise GraphError: 400 for a missing or duplicate id, a bad method, URL or header, or a
        body without a Content-Type header.
    """
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        raise bad_request("Invalid batch payload format: every request needs a string id.")
    rid = item["id"]
    if rid in seen:
        raise bad_request(f"Request id '{rid}' is used more than once.")
    method = str(item.get("method", "")).upper()
    if method not in METHODS:
        raise bad_request(f"Invalid method or url in request id : {rid}.")
    url = _check_url(item.get("url"), rid)
    headers = _check_headers(item.get("headers") or {}, rid)
    has_type = any(k.lower() == "content-type" for k in headers)
    if "body" in item and not has_type:
        raise bad_request(f"Write request id : {rid} does not contain Content-Type header or "
                          "body.")
    depends = item.get("dependsOn") or []
    if not isinstance(depends, list) or not all(isinstance(d, str) for d in depends):
        raise bad_request(f"Invalid dependsOn in request id : {rid}.")
    seen.add(rid)
    return {"id": rid, "method": method, "url": url, "headers": headers,
            "data": _body_data(item, rid), "dependsOn": depends}


def parse(body: dict) -> list[dict]:
    """The batch's requests, checked as a whole.

    :raise GraphError: 400 for any malformed part, over 20 requests, or unknown dependencies.
    """
    items = body.get("requests")
    if not isinstance(items, list) or not items:
        raise bad_request("Invalid batch payload format.")
    if len(items) > MAX_REQUESTS:
        raise bad_request(f"The number of batch requests exceeds the limit of {MAX_REQUESTS}.")
    seen: set[str] = set()
    checked = [_check_item(item, seen) for item in items]
    for item in checked:
        unknown = [d for d in item["dependsOn"] if d not in seen]
        if unknown:
            raise bad_request(f"Request id : {item['id']} depends on unknown request "
                              f"'{unknown[0]}'.")
    return checked


def waves(items: list[dict]) -> list[list[dict]]:
    """Group requests so each wave depends only on earlier ones.

    :raise GraphError: 400 for a dependency cycle.
    """
    done: set[str] = set()
    left, result = list(items), []
    while left:
        ready = [i for i in left if all(d in done for d in i["dependsOn"])]
        if not ready:
            raise bad_request("The dependsOn of the batch requests form a cycle.")
        result.append(ready)
        done.update(i["id"] for i in ready)
        left = [i for i in left if i["id"] not in done]
    return result


def _dispatch(app: Flask, item: dict, authorization: str | None, base_url: str) -> dict:
    """Run one inner request through the app and shape its answer."""
    path, _, query = item["url"].partition("?")
    headers = dict(item["headers"])
    if authorization:
        headers["Authorization"] = authorization
    client = app.test_client(use_cookies=False)
    response = client.open("/v1.0/" + path.lstrip("/"), method=item["method"], headers=headers,
                           data=item["data"], query_string=query.replace(" ", "%20"),
                           base_url=base_url)
    answer = {"id": item["id"], "status": response.status_code,
              "headers": {k: response.headers[k] for k in PASSED_HEADERS
                          if k in response.headers}}
    raw = response.get_data()
    if raw:
        try:
            answer["body"] = json.loads(raw)
        except ValueError:
            answer["body"] = raw.decode("utf-8", "replace")
    response.close()
    return answer


def _run_wave(app: Flask, wave: list[dict], results: dict) -> None:
    """Run one wave; requests whose dependency failed get 424 instead."""
    auth, base = request.headers.get("Authorization"), request.host_url
    runnable = []
    for item in wave:
        if any(results[d]["status"] >= 400 for d in item["dependsOn"]):
            results[item["id"]] = {"id": item["id"], "status": 424, "headers": {},
                                   "body": FAILED_DEPENDENCY}
        else:
            runnable.append(item)
    if len(runnable) <= 1 or not get_sandbox().faults.has_latency():
        answers = [_dispatch(app, item, auth, base) for item in runnable]
    else:
        # This batch's own threads, released when the wave ends (see the module docstring).
        with ThreadPoolExecutor(max_workers=min(CONCURRENCY, len(runnable)),
                                thread_name_prefix="graph-batch") as pool:
            answers = list(pool.map(lambda i: _dispatch(app, i, auth, base), runnable))
    for item, answer in zip(runnable, answers, strict=True):
        results[item["id"]] = answer


@bp.post("/$batch", endpoint="graph_batch")
def batch():
    """Run the batch; answers 200 with one response per request, in request order."""
    access.caller()
    items = parse(owners.json_body())
    app = current_app._get_current_object()
    results: dict[str, dict] = {}
    for wave in waves(items):
        _run_wave(app, wave, results)
    return json_response({"responses": [results[item["id"]] for item in items]})

