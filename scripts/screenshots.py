"""The README's screenshots, taken from a demo in Chromium at desktop and phone widths.

``scripts/screenshots`` runs this: it starts a fresh demo (its own database, free ports) and
stops it afterwards, or, given ``--app`` and ``--sandbox``, uses a demo already running. It
walks the guide's story the way a sales engineer shows it: a Proseware app registered and
verified as publisher in the sandbox's portal, its credentials saved in Settings, a Contoso user
on the consent screen, then the home page, Mail and the week; a Fabrikam user stopped until an
administrator approves. Each screen is saved as ``docs/images/<name>-desktop.png`` (1280x800)
and ``<name>-phone.png`` (375x812): the visible viewport, not the whole page, so files stay small.
A running demo names the custom app on its admin consent pages only if started with
``POSTPRESS_PLUGIN_ADMIN_CONSENT_CUSTOM_APP_NAME="Proseware Mail"`` (docs/admin-consent.md).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the sandbox's seed is imported from the project

from microsoft_sandbox.directory import seed  # noqa: E402

IMAGES = ROOT / "docs" / "images"
CHROMIUM = os.environ.get("POSTPRESS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
APP_NAME = "Proseware Mail"
PARTNER_ID = "6543210"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", help="a running demo's URL (with --sandbox); default: start one")
    parser.add_argument("--sandbox", help="the running demo's Microsoft sandbox URL")
    parser.add_argument("--out", type=Path, default=IMAGES, help="where the PNG files go")
    args = parser.parse_args()
    if bool(args.app) != bool(args.sandbox):
        parser.error("--app and --sandbox go together")
    return args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Poll ``url`` until it answers; a demo that exits or never answers is an error."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the demo stopped (exit code {process.returncode})")
        with contextlib.suppress(requests.ConnectionError):
            requests.get(url, timeout=2)
            return
        time.sleep(0.2)
    raise SystemExit(f"the demo did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def _fresh_demo():
    """``demo.py`` on free ports with a database of its own, stopped on the way out."""
    app_port, sandbox_port = _free_port(), _free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = os.environ | {
            "POSTPRESS_SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'db.sqlite3'}",
            # What the integrator states about its own app for the admin consent pages.
            "POSTPRESS_PLUGIN_ADMIN_CONSENT_CUSTOM_APP_NAME": APP_NAME,
            "POSTPRESS_PLUGIN_ADMIN_CONSENT_CUSTOM_PUBLISHER_VERIFIED": "yes"}
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
            [sys.executable, str(ROOT / "demo.py"), "--port", str(app_port),
             "--sandbox-port", str(sandbox_port)], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            app = f"http://127.0.0.1:{app_port}"
            _wait_until_up(app + "/healthz", process)
            yield app, f"http://127.0.0.1:{sandbox_port}"
        finally:
            process.terminate()
            process.wait(timeout=20)


class Camera:
    """Saves what a page shows at both widths, then puts the page back at desktop width."""

    def __init__(self, out: Path):
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def shoot(self, page, name: str) -> None:
        page.wait_for_load_state("load")
        for label, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.evaluate("window.scrollTo(0, 0)")
            path = self.out / f"{name}-{label}.png"
            page.screenshot(path=str(path))
            self.saved.append(path)
        page.set_viewport_size(WIDTHS["desktop"])


def _person(browser):
    """A fresh browser profile, in the zone of Contoso's mailboxes, so every time agrees."""
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="en-US",
                                  timezone_id="America/Los_Angeles")
    context.set_default_timeout(15_000)
    return context.new_page()


def _pick_user(page, app, name):
    """From the app's login page to Microsoft's account picker, picking ``name``."""
    page.goto(app + "/login")
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text(name).click()
    page.get_by_role("button", name="Next").click()


def register_app(app: str, sandbox: str) -> dict:
    """Proseware's registration, with its redirect URIs, permissions and a secret, through the
    sandbox's ``/_sandbox/apps`` knob (the portal walk is the guide journey's test)."""
    answer = requests.post(sandbox + "/_sandbox/apps", timeout=10, json={
        "display_name": APP_NAME, "home_tenant_id": seed.PROSEWARE_TENANT_ID,
        "redirect_uris": [app + path for path in seed.DEFAULT_REDIRECT_PATHS],
        "required_scopes": list(seed.DEFAULT_APP_SCOPES), "secret_days": 730})
    answer.raise_for_status()
    return answer.json()


def verify_publisher(browser, app: str, sandbox: str, client_id: str, camera: Camera) -> None:
    """Patti, Proseware's developer, verifies the app's domain and partner ID in the portal."""
    patti = _person(browser)
    patti.goto(sandbox + "/portal/signin")
    patti.get_by_text("Patti Fernandez").click()
    patti.get_by_role("button", name="Sign in").click()
    patti.goto(f"{sandbox}/portal/app-registrations/{client_id}/branding")
    patti.get_by_label("Domain").fill(app)
    patti.get_by_role("button", name="Verify and save domain").click()
    patti.get_by_label("Partner Global Account ID (PGA ID)").fill(PARTNER_ID)
    patti.get_by_role("button", name="Verify and save", exact=True).click()
    expect(patti.locator("#publisher-verification")).to_contain_text("Verified publisher")
    camera.shoot(patti, "portal")
    patti.context.close()


def save_credentials(browser, app: str, registration: dict, camera: Camera) -> None:
    """Megan, the admin, pastes Proseware's credentials into Settings and switches to them."""
    megan = _person(browser)
    _pick_user(megan, app, "Megan Bowen")
    megan.get_by_role("button", name="Accept").click()
    megan.get_by_role("link", name="Settings").click()
    megan.fill("#client_id", registration["client_id"])
    megan.fill("#client_secret", registration["secret"])
    megan.fill("#tenant_id", seed.PROSEWARE_TENANT_ID)
    megan.get_by_role("button", name="Save and use custom credentials").click()
    expect(megan.get_by_text("Microsoft accepted the custom credentials")).to_be_visible()
    camera.shoot(megan, "settings")
    megan.context.close()


def contoso_user(browser, app: str, camera: Camera) -> None:
    """Adele: Proseware's consent screen, then her home page, inbox, a message and her week."""
    adele = _person(browser)
    _pick_user(adele, app, "Adele Vance")
    expect(adele.locator(".verified-badge")).to_be_visible()
    camera.shoot(adele, "consent")
    adele.get_by_role("button", name="Accept").click()
    expect(adele.get_by_role("heading", name="Hello, Adele Vance")).to_be_visible()
    camera.shoot(adele, "home")
    adele.get_by_role("navigation").get_by_role("link", name="Mail").click()
    camera.shoot(adele, "inbox")
    adele.locator("a[href*='/messages/']").first.click()
    expect(adele.locator("iframe.mail-frame")).to_be_visible()
    camera.shoot(adele, "message")
    adele.get_by_role("navigation").get_by_role("link", name="Calendar").click()
    expect(adele.locator(".cal-dayhead.today")).to_be_visible()
    adele.locator(".cal-event").first.scroll_into_view_if_needed()
    camera.shoot(adele, "week")
    adele.context.close()


def fabrikam_user(browser, app: str, camera: Camera) -> None:
    """Diego: only administrators may consent at Fabrikam; the page that says what to do."""
    diego = _person(browser)
    _pick_user(diego, app, "Diego Siciliani")
    diego.get_by_role("button", name="Return to the application without granting consent").click()
    diego.get_by_role("button", name=re.compile("Need admin approval")).click()
    expect(diego.get_by_role("heading", name="Administrator approval required")).to_be_visible()
    camera.shoot(diego, "admin-approval")
    diego.context.close()


def take_all(app: str, sandbox: str, out: Path) -> list[Path]:
    """The whole walk, in one browser."""
    camera = Camera(out)
    registration = register_app(app, sandbox)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            save_credentials(browser, app, registration, camera)  # the domain file lists it
            verify_publisher(browser, app, sandbox, registration["client_id"], camera)
            contoso_user(browser, app, camera)
            fabrikam_user(browser, app, camera)
        finally:
            browser.close()
    return camera.saved


def main() -> None:
    args = _arguments()
    demo = (contextlib.nullcontext((args.app.rstrip("/"), args.sandbox.rstrip("/")))
            if args.app else _fresh_demo())
    with demo as (app, sandbox):
        saved = take_all(app, sandbox, args.out)
    for path in saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
              f"  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
