"""One pluggy PluginManager per app: built-in plugins, installed packages, enable/disable.

Built-ins are the packages in the project's ``plugins/`` folder, imported as ``plugins.<name>``
(never with ``plugins/`` itself on ``sys.path``, where ``plugins/calendar`` would shadow the
standard library). Third-party plugins are packages exposing an entry point in the
``postpress_whitelabel`` group. A plugin named in ``PLUGINS`` is required: if it cannot load,
start-up stops. Any other plugin is optional: a failure to load or a hook that raises is
reported (name, package, error) and that plugin is skipped.
"""

from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pluggy
from flask import Flask, current_app

from .. import hookspecs
from ..config import ConfigurationError
from ..signin import base_scopes

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = hookspecs.PROJECT
BUILTIN_DIR = Path(__file__).resolve().parents[2] / "plugins"  # the checkout's plugins/


@dataclass
class PluginInfo:
    """What ``flask postpress plugins`` reports about one plugin."""

    name: str
    source: str  # "built-in" or "package <distribution>"
    version: str
    enabled: bool
    hooks: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class _Candidate:
    name: str
    source: str
    version: str
    load: object  # () -> module


def current(app: Flask | None = None) -> pluggy.PluginManager:
    """The app's plugin manager."""
    return (app or current_app).extensions["postpress_plugins"]


def answers_by_plugin(hook_name: str, **kwargs) -> list[tuple[str, object]]:
    """Each plugin's answer to a hook, with the plugin's name: the core first, then the
    plugins in the order pluggy calls them (the last registered first)."""
    pm = current()
    plugins = pm.list_name_plugin()
    ordered = plugins[:1] + plugins[:0:-1]
    answers = []
    for name, plugin in ordered:
        others = [other for _, other in plugins if other is not plugin]
        for answer in pm.subset_hook_caller(hook_name, remove_plugins=others)(**kwargs):
            answers.append((name, answer))
    return answers


def infos(app: Flask | None = None) -> list[PluginInfo]:
    """Every plugin seen at start-up, loaded or not."""
    return (app or current_app).extensions["postpress_plugin_infos"]


def init_app(app: Flask) -> pluggy.PluginManager:
    """Create the manager, load the enabled plugins, remember what happened to each."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(base_scopes, name=base_scopes.NAME)  # the core's own scopes, and its name
    wanted = app.config.get("PLUGINS")
    disabled = set(app.config.get("DISABLED_PLUGINS") or [])
    found = {c.name: c for c in _candidates(app)}
    for name in wanted or []:
        if name not in found:
            raise ConfigurationError(
                f"PLUGINS names {name!r}, which is neither in plugins/ nor an installed package "
                f"with a {ENTRY_POINT_GROUP!r} entry point"
            )
    report = []
    for name, candidate in sorted(found.items()):
        enabled = name not in disabled and (wanted is None or name in wanted)
        info = PluginInfo(name, candidate.source, candidate.version, enabled)
        if enabled:
            _load(pm, candidate, info, required=bool(wanted) and name in wanted)
        report.append(info)
    app.extensions["postpress_plugins"] = pm
    app.extensions["postpress_plugin_infos"] = report
    return pm


def _candidates(app: Flask):
    """Built-ins first, then installed packages; a package cannot take a built-in's name."""
    seen = set()
    folder = Path(app.config.get("BUILTIN_PLUGINS_DIR") or BUILTIN_DIR)
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if (child / "__init__.py").is_file() and not child.name.startswith("_"):
            module = f"{folder.name}.{child.name}"
            seen.add(child.name)
            yield _Candidate(child.name, "built-in", "built-in",
                             functools.partial(importlib.import_module, module))
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in seen:
            log.error("plugin package %s reuses the built-in name %r; ignored",
                      ep.dist.name if ep.dist else "?", ep.name)
            continue
        seen.add(ep.name)
        dist = ep.dist
        yield _Candidate(ep.name, f"package {dist.name if dist else ep.value}",
                         dist.version if dist else "unknown", ep.load)


def _load(pm: pluggy.PluginManager, candidate: _Candidate, info: PluginInfo, required: bool):
    """Import and register one plugin; hooks it implements must all be known.

    An optional plugin is registered through a stand-in whose hooks log and skip their own
    errors, so one broken plugin never takes a page down.
    """
    try:
        module = candidate.load()
        names = _hook_names(pm, module)
        unknown = [h for h in names if not getattr(pm.hook, h, None) or
                   not getattr(pm.hook, h).has_spec()]
        if unknown:
            raise pluggy.PluginValidationError(module, f"unknown hook(s): {', '.join(unknown)}")
        pm.register(module if required else _Guarded(module, names, candidate),
                    name=candidate.name)
    except Exception as exc:  # noqa: BLE001 - any import-time error is the plugin's to report
        info.error = f"{type(exc).__name__}: {exc}"
        log.error("plugin %r (%s) failed to load: %s", candidate.name, candidate.source, info.error)
        if required:
            raise ConfigurationError(
                f"plugin {candidate.name!r} ({candidate.source}) failed to load: {info.error}"
            ) from exc
        return
    info.hooks = sorted(names)


def _hook_names(pm: pluggy.PluginManager, module) -> list[str]:
    return [impl_name for impl_name in dir(module)
            if pm.parse_hookimpl_opts(module, impl_name) is not None]


class _Guarded:
    """An optional plugin as pluggy sees it: the module's hooks, each reporting its own errors."""

    def __init__(self, module, hook_names: list[str], candidate: _Candidate):
        self.__name__ = getattr(module, "__name__", candidate.name)
        for name in hook_names:
            setattr(self, name, _guarded(getattr(module, name), candidate, name))


def _guarded(function, candidate: _Candidate, hook_name: str):
    """``function`` with its hook marker and signature, logging and skipping its errors."""

    @functools.wraps(function)  # copies the hookimpl marker and keeps the argument names
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:
            log.exception("plugin %r (%s) failed in hook %s; skipped", candidate.name,
                          candidate.source, hook_name)
            return None

    return call
