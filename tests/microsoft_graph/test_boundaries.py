"""The Graph client is protocol code: the standard library, requests (and tzlocal's CLDR zone
table), and itself."""

import ast
import sys
from pathlib import Path

import postpress_whitelabel.microsoft.graph as graph

PACKAGE = Path(graph.__file__).parent
ALLOWED_THIRD_PARTY = {"requests", "tzlocal"}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every absolute import in a module (relative ones stay inside)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module.split(".")[0])
            else:
                assert node.level == 1, f"{path.name} imports from outside the package"
    return names


def test_the_package_imports_only_the_standard_library_and_requests():
    for path in sorted(PACKAGE.glob("*.py")):
        outside = imported_modules(path) - set(sys.stdlib_module_names) - ALLOWED_THIRD_PARTY
        assert not outside, (path.name, outside)
