"""The actor dictionary is spaCy-free: extraction and linking import it from one home."""

from __future__ import annotations

import ast
from pathlib import Path

from fieldbrief.lexicon.actors import load_dictionary

SRC = Path(__file__).resolve().parents[2] / "src" / "fieldbrief"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_the_dictionary_module_imports_no_spacy() -> None:
    imported = _imports(SRC / "lexicon" / "actors.py")
    assert not any(name == "spacy" or name.startswith("spacy.") for name in imported), imported
    assert not any(name.startswith("fieldbrief.extract") for name in imported), imported


def test_linking_reads_the_dictionary_from_the_lexicon() -> None:
    imported = _imports(SRC / "link" / "entities.py")
    assert "fieldbrief.lexicon.actors" in imported
    assert "fieldbrief.extract.actors" not in imported


def test_lookup_types_and_acting_bodies() -> None:
    dictionary = load_dictionary()
    taliban = dictionary.lookup("Taliban")
    assert taliban is not None and dictionary.actor_type(taliban.code) == "rebel group"
    assert dictionary.actor_type("RUS-MIL") == "military"
    assert dictionary.actor_type("NO-SUCH-CODE") is None
    lavrov = dictionary.lookup("Sergei Lavrov")
    assert lavrov is not None and dictionary.acting_code(lavrov) == "RUS-GOV"
    assert any(a.metonym for a in dictionary.aliases) and any(a.context for a in dictionary.aliases)


def test_a_country_owning_a_body_names_that_countrys_body() -> None:
    dictionary = load_dictionary()
    found = {
        name: (entry.code if (entry := dictionary.lookup(name)) else None)
        for name in ("Israel's military", "Ukraine's General Staff", "Britain's Ministry of Defence")
    }
    assert found == {
        "Israel's military": "ISR-MIL",
        "Ukraine's General Staff": "UKR-MIL",
        "Britain's Ministry of Defence": "GBR-MIL",
    }
    # "Ministry of Defence" alone is Britain's; owned by another country it is not
    assert dictionary.lookup("Poland's Ministry of Defence") is None
    assert dictionary.lookup("Atlantis's military") is None  # no country of that name
