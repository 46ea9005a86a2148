"""Fixtures of the example's tests, on top of the app's test kit (postpress_whitelabel.testing).

The kit is activated once, at the root: pytest accepts ``pytest_plugins`` only in the rootdir's
conftest.py. Run on its own, this package activates it with ``-p postpress_whitelabel.testing``
in its pyproject.toml; inside the app's checkout, the app's root conftest.py does it. Either way
this file adds only what is the plugin's own.
"""

from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def hello_installed(installed_plugin):
    """The plugin found through its entry point, as after ``pip install -e .`` (a no-op when it
    is installed)."""
    installed_plugin("hello", "postpress_hello", path=PACKAGE_ROOT)


@pytest.fixture
def app(make_app):
    """Every test's app loads the plugin."""
    return make_app(plugins=["hello"])
