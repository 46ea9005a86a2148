"""Where plugins plug in: the pluggy manager, what plugins contribute, and their flows.

- ``manager``: one PluginManager per app (built-ins from ``plugins/``, installed packages).
- ``contributions``: the values plugins return (Scope, MenuLink, Panel, SettingsSection).
- ``ui``: plugins in pages (blueprints, top-bar links, template variables, home panels).
- ``flows``: a plugin's own trip to Microsoft and back through the hosted callback.
"""
