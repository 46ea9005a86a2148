"""Entry point for ``flask run``: the app built from instance/config.py and the environment."""

from postpress_whitelabel import create_app

app = create_app()
