"""pytest's root configuration: the app's test kit for every test folder.

``pytest_plugins`` is honoured only here, at the rootdir, so the kit is activated once for
``tests/`` and for the example plugin's tests alike.
"""

pytest_plugins = ["postpress_whitelabel.testing"]
