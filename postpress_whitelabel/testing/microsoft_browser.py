"""Plays a person's browser on the sandbox's Microsoft pages, over real HTTP.

It reads the forms the sandbox serves (account picker, consent prompt) the way a browser would,
so the tests exercise the same pages a demo shows, not a private shortcut.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

# On one sandbox page: its forms in, the form to send and its data out.
Decide = Callable[[list[dict]], tuple[dict, dict]]


class _Forms(HTMLParser):
    """Collects each form's action and its named inputs and buttons."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}, "choices": {}})
        elif tag in ("input", "button") and self.forms and attrs.get("name"):
            form = self.forms[-1]
            if tag == "button" or attrs.get("type") in ("submit", "radio"):
                form["choices"].setdefault(attrs["name"], []).append(attrs.get("value", ""))
            else:
                form["fields"][attrs["name"]] = attrs.get("value", "")


class MicrosoftBrowser:
    """One browser profile at the sandbox (its own cookies, like a real person's)."""

    def __init__(self, sandbox_url: str):
        self.sandbox_url = sandbox_url
        self.http = requests.Session()
        self.pages: list[str] = []

    def forms(self, html: str) -> list[dict]:
        parser = _Forms()
        parser.feed(html)
        return parser.forms

    def sign_in(self, authorize_url: str, oid: str | None = None, consent: str = "accept",
                decide: Decide | None = None) -> str:
        """Follow the flow until the sandbox sends the browser back to the app; return that URL.

        ``oid`` picks the demo user on the account picker (None keeps the preselected one),
        ``consent`` is ``accept`` or ``cancel``. ``decide(forms)`` replaces the choice on each
        sandbox page: given the page's forms (``forms``' shape), it returns the form to send
        and its data (``answer`` fills in ``oid`` and the decision the usual way), for steps
        such as ticking "Consent on behalf of your organization".
        """
        decide = decide or (lambda forms: (forms[0], self.answer(forms[0], oid, consent)))
        resp = self.http.get(authorize_url, allow_redirects=False)
        for _ in range(12):
            if resp.is_redirect:
                location = urljoin(resp.url, resp.headers["Location"])
                if not location.startswith(self.sandbox_url):
                    return location
                resp = self.http.get(location, allow_redirects=False)
                continue
            self.pages.append(resp.text)
            form, data = decide(self._page_forms(resp))
            resp = self.http.post(urljoin(resp.url, form["action"]), data=data,
                                  allow_redirects=False)
        raise AssertionError("the sandbox never sent the browser back to the app")

    @staticmethod
    def answer(form: dict, oid: str | None, decision: str) -> dict:
        """A form's data as a person sends it: its fields, the account ``oid`` (or the one
        preselected), and ``decision`` where the page asks for one."""
        data = dict(form["fields"])
        if "oid" in form["choices"] or "oid" in data:
            data["oid"] = oid or data.get("oid") or form["choices"]["oid"][0]
        if "decision" in form["choices"]:
            data["decision"] = decision
        return data

    def _page_forms(self, resp: requests.Response) -> list[dict]:
        forms = [f for f in self.forms(resp.text) if f["action"]]
        if not forms:
            raise AssertionError(f"sandbox page without a form ({resp.status_code}): "
                                 f"{resp.text[:300]}")
        return forms
