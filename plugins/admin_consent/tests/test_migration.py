"""The plugin's tables come from its own migration (``flask db upgrade``), as the models say."""

from sqlalchemy import inspect

from plugins.admin_consent.models import ConsentEvent, ConsentRecord, TenantMember
from postpress_whitelabel.api import db
from postpress_whitelabel.testing import MicrosoftBrowser, csrf_token

from .microsoft_steps import at_microsoft, deliver

MODELS = (ConsentRecord, ConsentEvent, TenantMember)


def test_the_migration_builds_the_tables_the_models_declare(make_app):
    app = make_app(plugins=["admin_consent"], migrate=True)
    with app.app_context():
        found = inspect(db.engine)
        assert "alembic_version_admin_consent" in found.get_table_names()
        for model in MODELS:
            table = model.__table__
            columns = {c["name"]: c["nullable"] for c in found.get_columns(table.name)}
            assert columns == {c.name: c.nullable for c in table.columns}, table.name
            indexed = {tuple(i["column_names"]) for i in found.get_indexes(table.name)}
            assert {tuple(c.name for c in i.columns) for i in table.indexes} <= indexed


def test_a_blocked_user_and_an_approval_on_migrated_tables(make_app, microsoft, people,
                                                           sandbox_server):
    app = make_app(plugins=["admin_consent"], migrate=True)
    client = app.test_client()
    start = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    answer = deliver(client, at_microsoft(microsoft, start.headers["Location"],
                                          oid=people.diego, decision="cancel"))
    assert "/admin-consent/needed/" in answer.headers["Location"]
    approve = f"/admin-consent/approve/{people.fabrikam}"
    trip = client.post(approve, data={"csrf_token": csrf_token(client, approve)})
    alex = MicrosoftBrowser(sandbox_server.url)  # the administrator, at their own desk
    back = at_microsoft(alex, trip.headers["Location"], oid=people.alex)
    assert "Approved for your organization" in deliver(client, back).text
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord.tenant_id)).scalar_one() == \
            people.fabrikam
