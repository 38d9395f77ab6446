"""matchfair/engine is pure Python: no module there imports Flask or SQLAlchemy (checked on the source).

Each module is parsed with ast; every import, relative ones resolved, must stay out of the web
stack and out of the rest of the application (which imports Flask).
"""
import ast
from pathlib import Path

import pytest

import matchfair.engine

ENGINE_DIR = Path(matchfair.engine.__file__).resolve().parent
FORBIDDEN = {"flask", "flask_babel", "flask_login", "flask_wtf", "flask_sqlalchemy", "flask_migrate",
             "flask_mailman", "sqlalchemy", "wtforms", "werkzeug", "jinja2", "alembic"}
MODULES = sorted(ENGINE_DIR.rglob("*.py"))


def package_of(path: Path) -> str:
    parts = path.relative_to(ENGINE_DIR).parent.parts
    return ".".join(("matchfair", "engine") + parts)


def imported_modules(source: str, package: str = "matchfair.engine") -> set[str]:
    """The absolute names of the modules `source` imports (relative imports resolved from `package`)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add(node.module or "")
            else:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                found.add(".".join(base + ([node.module] if node.module else [])))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
    return found


def offending(modules: set[str]) -> set[str]:
    """The imports an engine module must not make: the web stack, or the app outside the engine."""
    bad = set()
    for name in modules:
        top = name.split(".")[0]
        if top in FORBIDDEN:
            bad.add(name)
        elif top == "matchfair" and not (name == "matchfair.engine" or name.startswith("matchfair.engine.")):
            bad.add(name)
    return bad


def test_the_engine_has_modules():
    assert {"cpv.py", "territory.py", "text.py", "cpv_divisions.py"} <= {p.name for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE_DIR)))
def test_no_flask_or_sqlalchemy_import(path):
    modules = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    assert not offending(modules), f"{path.name} imports {sorted(offending(modules))}"


@pytest.mark.parametrize(
    "source, bad",
    [
        ("import flask", True),
        ("from flask import current_app", True),
        ("import sqlalchemy.orm as orm", True),
        ("from sqlalchemy.orm import Session", True),
        ("def f():\n    import flask_babel", True),
        ("from ..extensions import db", True),
        ("from .. import reference", True),
        ("from matchfair.reference import services", True),
        ("x = __import__('sqlalchemy')", True),
        ("from .text import fold\nimport re", False),
        ("from . import territory", False),
        ("from matchfair.engine.text import fold", False),
        ("import dataclasses, unicodedata", False),
    ],
)
def test_the_checker_itself(source, bad):
    assert bool(offending(imported_modules(source))) is bad
