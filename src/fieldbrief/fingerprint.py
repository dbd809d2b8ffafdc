"""What a stage's output depends on, as a short hash: its module's source, the fieldbrief modules it imports
(transitively), the data files they name and the trained weights they load (fieldbrief/models/<name>/, named as
"models/<name>" or "models.<name>"). The version recorded with every stored record is the stage's
declared version plus this fingerprint, so it changes whenever the code or data behind the output changes,
whether or not someone remembered to bump the number (and stored links are recomputed on the same rule).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from functools import lru_cache
from importlib import resources
from pathlib import Path

PACKAGE = "fieldbrief"
# Every stage reads spaCy's annotations, which our entity rules shape.
ANNOTATION_MODULES = ("fieldbrief.nlp",)


@lru_cache(maxsize=64)
def fingerprint(*module_names: str) -> str:
    """8 hex digits over the sources and data files behind these modules."""
    digest = hashlib.sha256()
    files = _module_files(module_names)
    data = _data_files()
    models = _model_folders()
    named: set[str] = set()
    loaded: set[str] = set()
    for path in sorted(files):
        source = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + source)
        named |= {name for name in data if name.encode() in source}
        loaded |= {
            name for name in models if f"models/{name}".encode() in source or f"models.{name}".encode() in source
        }
    for name in sorted(named):
        digest.update(name.encode() + b"\0" + data[name].read_bytes())
    for name in sorted(loaded):
        for weights in sorted(p for p in models[name].rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{name}/{weights.name}".encode() + b"\0" + weights.read_bytes())
    return digest.hexdigest()[:8]


def stage_version(declared: str, module_name: str) -> str:
    """The version recorded for a stage's output: declared version + fingerprint, e.g. "1+3fa9c2d0"."""
    return f"{declared}+{fingerprint(module_name, *ANNOTATION_MODULES)}"


def _module_files(names: tuple[str, ...]) -> set[Path]:
    """Source files of the modules (all of a package's modules) and of the fieldbrief modules they import."""
    seen: set[str] = set()
    files: set[Path] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in seen or not (name == PACKAGE or name.startswith(PACKAGE + ".")):
            continue
        seen.add(name)
        for path in _sources_of(name):
            files.add(path)
            pending.extend(_imports(path, name))
    return files


def _sources_of(name: str) -> list[Path]:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return []
    origin = Path(spec.origin)
    if spec.submodule_search_locations and name != PACKAGE:  # a package: all of its modules
        return sorted(origin.parent.rglob("*.py"))
    return [origin]


def _imports(path: Path, module: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out.append(base)
            out.extend(f"{base}.{alias.name}" for alias in node.names)
    return out


@lru_cache(maxsize=1)
def _data_files() -> dict[str, Path]:
    folder = resources.files(f"{PACKAGE}.data")
    return {item.name: Path(str(item)) for item in folder.iterdir() if item.is_file() and not item.name.startswith("_")}


@lru_cache(maxsize=1)
def _model_folders() -> dict[str, Path]:
    """The trained models shipped in the package, by folder name."""
    folder = Path(str(resources.files(f"{PACKAGE}.models")))
    return {item.name: item for item in folder.iterdir() if item.is_dir() and not item.name.startswith("_")}
