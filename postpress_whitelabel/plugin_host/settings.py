"""Per-plugin settings: defaults the plugin declares, overridden like every other setting.

A plugin named ``mail`` reads its ``page_size`` from the config key ``PLUGIN_MAIL_PAGE_SIZE``,
set in ``instance/config.py`` or as the environment variable ``POSTPRESS_PLUGIN_MAIL_PAGE_SIZE``
(which wins). The key is the plugin's name and the setting's name, upper-cased, with anything
but letters and digits turned into ``_``. A value of the wrong type stops with a message naming
the key, so the integrator fixes the setting rather than a plugin failing later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from flask import current_app

from ..config import ConfigurationError

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def config_key(plugin: str, setting: str) -> str:
    """``PLUGIN_<PLUGIN>_<SETTING>``: the Flask config key of one plugin setting."""
    return "PLUGIN_" + re.sub(r"[^A-Z0-9]+", "_", f"{plugin}_{setting}".upper())


def plugin_config(plugin: str, defaults: Mapping[str, object]) -> Mapping[str, object]:
    """The plugin's settings: each default, unless configuration sets its key.

    :raise ConfigurationError: when a configured value cannot be read as the default's type.
    """
    config = current_app.config
    values = {}
    for name, default in defaults.items():
        key = config_key(plugin, name)
        values[name] = _as_type(config[key], default, key) if key in config else default
    return MappingProxyType(values)


def _as_type(value: object, default: object, key: str) -> object:
    """``value`` as the type of ``default`` (environment variables arrive as text or JSON)."""
    try:
        if default is None or isinstance(value, type(default)) and not isinstance(value, bool):
            return value
        if isinstance(default, bool):
            text = str(value).strip().lower()
            if text in TRUE | FALSE:
                return text in TRUE
            raise ValueError(value)
        if isinstance(default, int | float):
            return type(default)(value)
        if isinstance(default, list | tuple):
            items = value if isinstance(value, list | tuple) else str(value).split(",")
            return [str(item).strip() for item in items if str(item).strip()]
        return type(default)(value)
    except (TypeError, ValueError):
        raise ConfigurationError(
            f"{key} is {value!r}, which is not a {type(default).__name__} as the plugin "
            f"expects (its default is {default!r})"
        ) from None
