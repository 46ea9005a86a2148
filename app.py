"""Entry point for ``flask run``: the app built from instance/config.py and the environment."""

import sys

from postpress_whitelabel import create_app
from postpress_whitelabel.config import ConfigurationError

try:
    app = create_app()
except ConfigurationError as exc:  # a missing setting is the operator's to fix: say which
    sys.exit(f"postpress: {exc}")
