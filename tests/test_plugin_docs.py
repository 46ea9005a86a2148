"""Two meta-tests keep the plugin contract honest: every hook is documented with its exact
arguments, and every hook has a test named after it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from postpress_whitelabel import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = {name: fn for name, fn in vars(hookspecs).items()
         if inspect.isfunction(fn) and hasattr(fn, "postpress_whitelabel_spec")}


def test_there_are_hooks():
    assert {"startup", "register_scopes", "handle_oauth_error", "handle_callback"} <= set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_is_documented_with_its_signature(name):
    docs = (ROOT / "docs" / "plugins.md").read_text()
    params = ", ".join(inspect.signature(HOOKS[name]).parameters)
    assert f"### {name}({params})" in docs


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_has_a_test(name):
    tests = "\n".join(p.read_text() for p in (ROOT / "tests").glob("test_*.py"))
    assert re.search(rf"def test_hook_{name}\(", tests)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_spec_says_what_it_returns(name):
    assert ":returns:" in (HOOKS[name].__doc__ or "")
