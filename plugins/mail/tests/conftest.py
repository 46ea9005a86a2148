"""The Mail plugin's tests: apps with the plugin loaded, a signed-in user, and helpers to find
seeded messages. The test kit (``postpress_whitelabel.testing``) is activated by the
project's root conftest.py, which pytest honours only there; a copy of this plugin outside
the project adds ``pytest_plugins = ["postpress_whitelabel.testing"]`` to its own root."""

import re

import pytest

ADELE = "AdeleV@contoso.com"


@pytest.fixture
def app(make_app):
    """An app with the Mail plugin only."""
    return make_app(plugins=["mail"])


@pytest.fixture
def adele(signed_in_client):
    """Adele Vance (Contoso) signed in, with the Mail plugin."""
    return signed_in_client


@pytest.fixture
def mailbox_of(sandbox):
    """``mailbox_of(upn)``: the sandbox's mailbox of a demo user (its folders and messages)."""
    def find(upn: str = ADELE):
        return sandbox.graph.mailbox(sandbox.user_by_login(upn))
    return find


@pytest.fixture
def message_id(mailbox_of):
    """``message_id(subject_part, upn=ADELE)``: the id of a seeded message by its subject."""
    def find(subject_part: str, upn: str = ADELE) -> str:
        for message in mailbox_of(upn).messages.values():
            if subject_part.lower() in message.subject.lower():
                return message.id
        raise KeyError(subject_part)
    return find


def csrf(client, path: str) -> str:
    """The CSRF token of a page's forms."""
    html = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)
