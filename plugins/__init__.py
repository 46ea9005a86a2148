"""Built-in plugins: each sub-package is a plugin written as a third party would write it,
importing only ``postpress_whitelabel.api`` (and ``postpress_whitelabel.testing`` in its tests).

They are imported as ``plugins.<name>``; this folder itself is never put on ``sys.path``, where
``plugins/calendar`` would shadow the standard library's ``calendar``.
"""
