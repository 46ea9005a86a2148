"""Source of throwaway plugins the plugin tests install (see tests/plugin_kit.py)."""

RECORDER = '''
from flask import Blueprint, render_template_string
from postpress_whitelabel.api import (MenuLink, Panel, Scope, SettingsSection, hookimpl,
                                      start_flow)

CALLS = []
bp = Blueprint("recorder", __name__, template_folder="templates")


@bp.get("/recorder/")
def page():
    return render_template_string("{{ recorder_var }}|{{ recorder_user }}")


@bp.post("/recorder/start")
def start():
    flow = start_flow("recorder_flow", data={"why": "test"})
    return {"state": flow.state, "redirect_uri": flow.redirect_uri, "client_id": flow.client_id}


@hookimpl
def startup(app):
    app.config["RECORDER_STARTED"] = True


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_scopes():
    return [Scope("Mail.Read", "Show the inbox panel.")]


@hookimpl
def menu_links(user):
    return [MenuLink("Recorder", "/recorder/")] if user else None


@hookimpl
def home_panels(account, user):
    return [Panel("Recorded", "recorder/panel.html", {"who": account.name})]


@hookimpl
def extra_template_vars(request, user):
    return {"recorder_var": "from-plugin", "recorder_user": user.name if user else "nobody"}


@hookimpl
def settings_sections(user):
    return [SettingsSection("Recorder settings", "recorder/settings.html", {"admin": user.name})]


@hookimpl
def account_connected(account, user, kind):
    CALLS.append(("connected", account.oid, kind))


@hookimpl
def account_refreshed(account):
    CALLS.append(("refreshed", account.oid))


@hookimpl
def account_disconnected(account):
    CALLS.append(("disconnected", account.oid, account.access_token))


@hookimpl
def handle_oauth_error(error, flow):
    if error.cancelled:
        return "recorder saw " + error.error, 418
    return None


@hookimpl
def handle_callback(flow, args):
    if flow.kind == "recorder_flow":
        return {"kind": flow.kind, "data": flow.data, "ok": args.get("ok")}
    return None
'''
TEMPLATES = {"recorder/panel.html": "<p>panel for {{ who }}</p>",
             "recorder/settings.html": "<p>settings for {{ admin }}</p>"}
