"""Settings beyond credentials: expiry reminders, the CLI, scopes, the association file,
branding."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from tests.conftest import Journey
from tests.plugin_kit import PluginKit
from tests.settings_kit import Admin, register_custom_app


@pytest.fixture
def now():
    """The app's clock: it starts at the real time (the sandbox signs tokens with it) and only
    moves forward once the admin is signed in."""
    return [datetime.now(UTC)]


@pytest.fixture
def admin(make_app, microsoft, now):
    # Sessions outlive the months these tests move the clock through.
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN], CLOCK=lambda: now[0],
                   PERMANENT_SESSION_LIFETIME=timedelta(days=400))
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    return Admin(app, client, journey)


@pytest.mark.parametrize("days,level", [
    (90, None), (60, "notice"), (30, "notice"), (14, "warning"), (8, "warning"), (7, "danger"),
    (1, "danger"), (0, "expired"), (-3, "expired"),
])
def test_expiry_banner_grows_stronger(admin, sandbox, now, days, level):
    start = now[0]
    custom = register_custom_app(sandbox)
    admin.save_custom(custom, expires=str((start + timedelta(days=100)).date()))
    now[0] = start + timedelta(days=100 - days)
    home = admin.client.get("/").text
    assert "Hello, Megan Bowen" in home
    if level is None:
        assert "banner-" not in home
    else:
        assert f'class="banner banner-{level}"' in home
        assert "expired" in home if level == "expired" else f"expires in {days} day" in home


def test_expiry_banner_is_for_admins_only(admin, sandbox, now, microsoft):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom, expires=str((now[0] + timedelta(days=5)).date()))
    user = admin.app.test_client()
    from tests.microsoft_browser import MicrosoftBrowser

    Journey(user, MicrosoftBrowser(microsoft.sandbox_url)).sign_in(seed.CONTOSO_USER_OID)
    assert "banner-" not in user.get("/").text
    assert "banner-danger" in admin.client.get("/").text


def _cli(app, *args, stdin: str | None = None):
    return app.test_cli_runner().invoke(args=["postpress", *args], input=stdin)


def test_cli_set_show_check_and_use_default(admin, sandbox, now, microsoft):
    custom = register_custom_app(sandbox)
    app, start = admin.app, now[0]
    expires = str((start + timedelta(days=20)).date())
    result = _cli(app, "set-credentials", "--client-id", custom.client_id, "--expires", expires,
                  "--tenant-id", custom.tenant_id, stdin=custom.secret + "\n")
    assert result.exit_code == 0, result.output
    assert custom.secret not in result.output
    shown = _cli(app, "show-credentials").output
    assert "mode:       custom" in shown and f"••••{custom.secret[-4:]}" in shown
    assert custom.secret not in shown
    assert _cli(app, "check-credentials", "--days", "10").exit_code == 0
    assert _cli(app, "check-credentials", "--days", "30").exit_code == 1
    now[0] = start + timedelta(days=21)
    expired = _cli(app, "check-credentials", "--days", "0")
    assert expired.exit_code == 2 and "EXPIRED" in expired.output
    assert _cli(app, "use-default").exit_code == 0
    assert _cli(app, "check-credentials").exit_code == 0
    audit = admin.page().split('id="audit"')[1]
    assert "command line" in audit and custom.secret not in audit


def test_cli_set_credentials_refuses_a_secret_id(admin, sandbox):
    custom = register_custom_app(sandbox)
    result = _cli(admin.app, "set-credentials", "--client-id", custom.client_id,
                  "--expires", "2028-01-01", stdin=custom.secret_id + "\n")
    assert result.exit_code != 0 and "Secret ID" in result.output
    mixed_up = _cli(admin.app, "set-credentials", "--client-id", custom.tenant_id, "--expires",
                    "2028-01-01", "--tenant-id", custom.tenant_id, stdin=custom.secret + "\n")
    assert mixed_up.exit_code != 0 and "copied from the wrong line" in mixed_up.output


def test_cli_never_takes_the_secret_as_an_argument(admin):
    result = " ".join(_cli(admin.app, "set-credentials", "--help").output.split())
    assert "--secret" not in result and "read from standard input" in result


def test_optional_scopes_can_be_turned_off(make_app, microsoft, tmp_path, monkeypatch):
    kit = PluginKit(tmp_path, monkeypatch)
    kit.install_example()
    app = make_app(**kit.config(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN]))
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    admin = Admin(app, client, journey)
    assert "Contacts.Read" in admin.page()
    admin.post("/settings/scopes", {})  # every optional scope unchecked
    scope = parse_qs(urlsplit(Journey(app.test_client(), microsoft).start()).query)["scope"]
    assert "Contacts.Read" not in scope[0].split()
    assert "turned off by an administrator" in client.get("/hello/").text
    admin.post("/settings/scopes", {"enabled": "Contacts.Read"})
    scope = parse_qs(urlsplit(Journey(app.test_client(), microsoft).start()).query)["scope"]
    assert "Contacts.Read" in scope[0].split()
    kit.cleanup()


def test_association_file_lists_the_apps(admin, sandbox):
    resp = admin.client.get("/.well-known/microsoft-identity-association.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert resp.json == {"associatedApplications": [{"applicationId": seed.DEFAULT_CLIENT_ID}]}
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    ids = [a["applicationId"] for a in admin.client.get(
        "/.well-known/microsoft-identity-association.json").json["associatedApplications"]]
    assert ids == [custom.client_id, seed.DEFAULT_CLIENT_ID]


def test_association_file_is_404_with_nothing_to_associate(make_app):
    client = make_app(DEFAULT_CLIENT_ID=None).test_client()
    assert client.get("/.well-known/microsoft-identity-association.json").status_code == 404


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_branding_is_used_on_every_page(admin):
    resp = admin.post("/settings/branding", {
        "product_name": "Acme Mail", "primary_color": "#aa3300",
        "support_contact": "help@acme.example", "logo": (io.BytesIO(PNG), "logo.png")},
        content_type="multipart/form-data")
    assert resp.status_code == 302
    anonymous = admin.app.test_client()
    login = anonymous.get("/login").text
    assert "Sign in to Acme Mail with Microsoft" in login and "<title>Sign in · Acme Mail" in login
    assert 'href="mailto:help@acme.example"' in login and "/branding/logo" in login
    assert "--brand: #aa3300" in anonymous.get("/branding.css").text
    logo = anonymous.get("/branding/logo")
    assert logo.data == PNG and logo.mimetype == "image/png"
    assert "branding changed" in admin.page()


@pytest.mark.parametrize("field,value,message", [
    ("primary_color", "red; background:url(x)", "colour like"),
    ("logo", (b"<svg onload=alert(1)>", "x.svg"), "PNG or JPEG"),
    ("support_contact", "not a url or email", "an email address, or a web address"),
    ("support_contact", "javascript:alert(1)", "an email address, or a web address"),
    ("support_contact", "https://", "an email address, or a web address"),
])
def test_branding_refuses_bad_values(admin, field, value, message):
    if isinstance(value, tuple):  # a fresh file object for every run
        value = (io.BytesIO(value[0]), value[1])
    resp = admin.post("/settings/branding", {field: value}, content_type="multipart/form-data")
    assert resp.status_code == 400 and message in resp.text


def test_a_mailto_contact_is_kept_as_its_address(admin):
    admin.post("/settings/branding", {"support_contact": "mailto:help@acme.example"},
               content_type="multipart/form-data")
    assert re.search(r'href="mailto:help@acme.example"[^>]*>help@acme.example<', admin.page())


def test_a_branding_post_missing_its_fields_resets_to_defaults(admin):
    """Fields left out of a post read as empty, never as a server error."""
    assert admin.post("/settings/branding", {}).status_code == 302
    assert admin.post("/settings/oauth/custom", {}).status_code == 400


@pytest.mark.parametrize("path", ["/settings/oauth/test", "/settings/oauth/custom",
                                  "/settings/oauth/new-secret/test", "/settings/branding"])
def test_a_form_address_reopened_leads_back_to_settings(admin, path):
    resp = admin.client.get(path)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/settings/")


def test_a_refused_field_is_tied_to_its_one_message(admin, sandbox):
    """Screen readers hear the hint and the error with the field; an empty date gets one
    message, ours, not a generic one beside it."""
    custom = register_custom_app(sandbox)
    page = admin.save_custom(custom, expires="").text
    assert "Not a valid date value" not in page
    assert page.count("Enter the date the secret expires") == 1
    field = re.search(r'<input[^>]*id="expires_on"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="expires_on-hint expires_on-error"' in field
    assert 'id="expires_on-error"' in page and 'id="expires_on-hint"' in page


def test_settings_forms_have_unique_element_ids(admin):
    ids = re.findall(r'\sid="([^"]+)"', admin.page())
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_branding_from_config(make_app):
    client = make_app(BRAND_NAME="Globex", BRAND_COLOR="#112233",
                      SUPPORT_CONTACT="https://support.globex.example").test_client()
    login = client.get("/login").text
    assert "Sign in to Globex with Microsoft" in login
    assert 'href="https://support.globex.example"' in login
    assert "--brand: #112233" in client.get("/branding.css").text


def test_support_contact_never_becomes_a_script_link(make_app):
    client = make_app(SUPPORT_CONTACT="javascript:alert(1)").test_client()
    assert 'href="javascript' not in client.get("/login").text


def test_default_expiry_is_730_days_from_today(admin, now):
    expected = (now[0].date() + timedelta(days=730)).isoformat()
    assert f'value="{expected}"' in admin.page()


def test_cli_tests_credentials_before_saving_them(admin, sandbox):
    custom = register_custom_app(sandbox)
    result = _cli(admin.app, "set-credentials", "--client-id", custom.client_id,
                  "--expires", "2028-01-01", "--tenant-id", custom.tenant_id,
                  stdin="Zq9~" + "w" * 36 + "\n")
    assert result.exit_code != 0 and "AADSTS7000215" in result.output
    assert "mode:       default" in _cli(admin.app, "show-credentials").output
