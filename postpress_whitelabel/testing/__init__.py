"""The test kit for plugin authors: a pytest plugin with a live sandbox and apps to drive.

Activate it once, in the ``conftest.py`` at pytest's rootdir (pytest refuses ``pytest_plugins``
in a conftest below it)::

    pytest_plugins = ["postpress_whitelabel.testing"]

or with ``-p postpress_whitelabel.testing`` in pytest's ``addopts``. It gives the fixtures
documented in docs/plugins.md ("Testing your plugin"): ``sandbox_server``, ``sandbox``,
``database_url``, ``app_config``, ``make_app``, ``app``, ``client``, ``microsoft``,
``journey``, ``sign_in``, ``signed_in_client``, ``serve``, ``installed_plugin``; and the helpers
behind them, ``Journey``, ``MicrosoftBrowser``, ``csrf_token`` and ``demo_user_oid``.

This is the one module of the core that imports the sandbox: it is the bridge between the two,
loaded only by tests.
"""

from .fixtures import (
    DEMO_USER,
    PUBLIC_URL,
    app,
    app_config,
    client,
    database_url,
    installed_plugin,
    journey,
    make_app,
    microsoft,
    sandbox,
    sandbox_server,
    serve,
    sign_in,
    signed_in_client,
)
from .journey import Journey, csrf_token, demo_user_oid
from .microsoft_browser import MicrosoftBrowser

__all__ = [
    "DEMO_USER", "PUBLIC_URL", "Journey", "MicrosoftBrowser", "app", "app_config", "client",
    "csrf_token", "database_url", "demo_user_oid", "installed_plugin", "journey", "make_app",
    "microsoft", "sandbox", "sandbox_server", "serve", "sign_in", "signed_in_client",
]
