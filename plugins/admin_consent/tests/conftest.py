"""Fixtures of the admin consent plugin's tests, on top of the app's test kit.

The kit (``postpress_whitelabel.testing``) is activated once, in the checkout's root
conftest.py: pytest accepts ``pytest_plugins`` only there. This file adds what is the plugin's
own: apps that load it, a Microsoft browser that can tick "Consent on behalf of your
organization" and write a justification, and the sandbox's people.
"""

import pytest

from .microsoft_steps import People


@pytest.fixture
def app(make_app):
    """Every test's app loads the plugin; Megan Bowen (Contoso) is an admin of the app."""
    return make_app(plugins=["admin_consent"], ADMIN_EMAILS=["MeganB@contoso.com"])


@pytest.fixture
def people():
    return People()
