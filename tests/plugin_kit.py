"""Write throwaway plugins for tests: built-ins in a temporary plugins folder, or packages
that declare the entry point, found by importlib.metadata exactly as installed ones are."""

from __future__ import annotations

import importlib
import sys
import textwrap
import uuid
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "postpress-hello"


class PluginKit:
    """Builds plugin folders under ``tmp_path`` and puts them on ``sys.path``."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.package = f"testplugins_{uuid.uuid4().hex[:8]}"
        self.folder = tmp_path / self.package
        self.folder.mkdir()
        (self.folder / "__init__.py").write_text("")
        self.site = tmp_path / "site"
        self.site.mkdir()
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.syspath_prepend(str(self.site))
        self._monkeypatch = monkeypatch
        self._hide_installed_plugins()

    def _hide_installed_plugins(self) -> None:
        """Only the kit's own packages count: a plugin installed in the virtualenv (say, the
        example after `pip install -e`) must not change what a test sees."""
        from postpress_whitelabel.plugin_host import manager

        real = manager.metadata.entry_points
        site = str(self.site)

        def kit_only(**kwargs):
            return [ep for ep in real(**kwargs)
                    if ep.dist is not None and str(getattr(ep.dist, "_path", "")).startswith(site)]

        self._monkeypatch.setattr(manager.metadata, "entry_points", kit_only)

    def builtin(self, name: str, source: str, templates: dict | None = None) -> str:
        """A built-in plugin ``name`` whose ``__init__.py`` is ``source``."""
        plugin = self.folder / name
        plugin.mkdir()
        (plugin / "__init__.py").write_text(textwrap.dedent(source))
        for path, text in (templates or {}).items():
            target = plugin / "templates" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        return name

    def installed(self, name: str, module: str, version: str = "1.0.0",
                  package_dir: Path | None = None) -> None:
        """A distribution declaring ``name = module`` in the postpress_whitelabel group."""
        dist = self.site / f"{module.replace('.', '_')}-{version}.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: {version}\n"
        )
        (dist / "entry_points.txt").write_text(f"[postpress_whitelabel]\n{name} = {module}\n")
        if package_dir is not None:
            # Appended, not prepended: a source checkout may hold its own egg-info (left by
            # `pip install -e`), which must not shadow this distribution.
            self._monkeypatch.setattr(sys, "path", [*sys.path, str(package_dir)])
            importlib.invalidate_caches()

    def install_example(self) -> None:
        """examples/postpress-hello, found through its entry point like after pip install."""
        self.installed("hello", "postpress_hello", "0.1.0", package_dir=EXAMPLE)

    def config(self, **extra) -> dict:
        """Settings that load plugins from this kit's built-in folder."""
        return {"BUILTIN_PLUGINS_DIR": str(self.folder), "PLUGINS": None} | extra

    def cleanup(self) -> None:
        """Forget this kit's throwaway packages. The example stays imported: its models are
        declared once on the core's metadata, and importing it again would declare them twice."""
        for name in [m for m in sys.modules if m.startswith(self.package)]:
            del sys.modules[name]
