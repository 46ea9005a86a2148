"""The import-linter contracts name every module of the core, so a new module is covered too.

`lint-imports` itself runs in the test command (scripts/test), beside `ruff check`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "postpress_whitelabel"


def _contract(name_start: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["name"].startswith(name_start))


def _core_modules() -> set[str]:
    names = {p.stem for p in CORE.glob("*.py") if p.stem != "__init__"}
    names |= {p.parent.name for p in CORE.glob("*/__init__.py")}
    return {f"postpress_whitelabel.{name}" for name in names}


def test_plugins_may_import_only_the_api_and_the_testing_kit():
    protected = set(_contract("Plugins import only")["protected_modules"])
    allowed = {"postpress_whitelabel.api", "postpress_whitelabel.testing"}
    assert protected == _core_modules() - allowed


def test_the_protocol_package_is_kept_from_every_other_core_module():
    forbidden = set(_contract("postpress_whitelabel.microsoft is protocol only")
                    ["forbidden_modules"])
    assert forbidden == _core_modules() - {"postpress_whitelabel.microsoft",
                                          "postpress_whitelabel.testing"}


def test_only_tests_may_import_the_testing_kit():
    contract = _contract("Only tests import the testing kit")
    assert set(contract["source_modules"]) == (_core_modules() - {"postpress_whitelabel.testing"}
                                              ) | {"plugins"}
    assert contract["forbidden_modules"] == ["postpress_whitelabel.testing"]
