"""The test kit plugin authors use (postpress_whitelabel.testing) does what its docs promise."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import User
from postpress_whitelabel.plugin_host import manager
from postpress_whitelabel.testing import demo_user_oid


def test_demo_users_are_found_by_sign_in_name_in_any_case():
    assert demo_user_oid("adelev@CONTOSO.com") == seed.CONTOSO_USER_OID
    assert demo_user_oid(seed.PERSONAL_USER_OID) == seed.PERSONAL_USER_OID  # an oid already
    with pytest.raises(KeyError, match="nobody@contoso.com"):
        demo_user_oid("nobody@contoso.com")


def _signed_in_oids(app) -> list[str]:
    with app.app_context():
        return [user.oid for user in db.session.scalars(db.select(User))]


def test_sign_in_signs_in_the_demo_user_asked_for(app, sign_in):
    client = sign_in(seed.CONTOSO_ADMIN_UPN)
    assert "Megan Bowen" in client.get("/").text
    assert _signed_in_oids(app) == [seed.CONTOSO_ADMIN_OID]


def test_signed_in_client_is_adele(app, signed_in_client):
    assert "Adele Vance" in signed_in_client.get("/").text
    assert _signed_in_oids(app) == [seed.CONTOSO_USER_OID]


def test_installed_plugin_is_found_by_its_entry_point_for_the_test_only(kit, make_app,
                                                                         installed_plugin):
    kit.builtin("greeter", "")  # a module with no hooks, outside the built-ins' folder here
    installed_plugin("greeter", f"{kit.package}.greeter")
    app = make_app(plugins=["greeter"])
    [info] = [i for i in manager.infos(app) if i.name == "greeter"]
    assert info.enabled and info.error is None and info.source.startswith("package")


def test_make_app_can_build_the_tables_with_the_migrations(make_app):
    app = make_app(migrate=True)
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert {"user", "connected_account", "alembic_version"} <= tables


def test_microsoft_browser_lets_a_test_decide_each_page(journey, microsoft):
    """``decide`` sees each sandbox page's forms and sends the one it picks, with its data."""
    seen = []

    def decide(forms):
        seen.append([sorted(f["choices"]) for f in forms])
        form = forms[0]
        return form, microsoft.answer(form, seed.CONTOSO_USER_OID, "cancel")

    back = microsoft.sign_in(journey.start("sign_in"), decide=decide)
    assert "error=" in back and "AADSTS65004" in back.replace("%3A", ":")
    assert any("decision" in choices for page in seen for choices in page)
