"""The plugin contract's markers.

``hookimpl`` is what a plugin decorates its hook functions with. The hook specifications
themselves are added here, one documented function per extension point, as the plugin system
grows.
"""

import pluggy

PROJECT = "postpress_whitelabel"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
