"""Every rejection and note code the source can produce is registered (data/rejections.toml, with its meaning
and what to do) and listed in the README's troubleshooting section; no code is registered that nothing uses."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from fieldbrief.report.codes import note_codes, rejection_codes

SRC = ROOT / "src" / "fieldbrief"
# callable name -> position of its `code` argument
CODE_ARGUMENT = {"Rejection": 1, "_reject": 1, "_stopped": 1, "reject": 0, "Refused": 0, "Note": 0}
CODE = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def codes_in_source() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"rejection": set(), "note": set()}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            kind = "rejection"
            if isinstance(node, ast.Call) and _name(node.func) in CODE_ARGUMENT:
                kind = "note" if _name(node.func) == "Note" else "rejection"
                position = CODE_ARGUMENT[_name(node.func)]
                values = node.args[position : position + 1] + [k.value for k in node.keywords if k.arg == "code"]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets):
                values = [node.value]
            for value in values:
                found[kind].update(c for c in _constants(value) if CODE.match(c))
    return found


def _constants(value: ast.expr) -> list[str]:
    """The string a code argument is, or may be (`"a" if x else "b"`)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        return _constants(value.body) + _constants(value.orelse)
    return []


def test_every_code_in_the_source_is_registered_and_every_registered_code_is_used() -> None:
    found = codes_in_source()
    assert found["rejection"] == set(rejection_codes())
    assert found["note"] == set(note_codes())


def test_readme_troubleshooting_lists_every_code_with_what_to_do() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.M))
    assert listed == set(rejection_codes()) | set(note_codes())
    for code in rejection_codes().values():
        assert code.action.split(":")[0].split(",")[0][:30] in section, code.code
