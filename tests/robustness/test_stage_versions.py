"""The version stored with each stage's records changes whenever the code or data behind the stage changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldbrief import fingerprint as fp
from fieldbrief.pipeline import Pipeline


def test_stored_versions_carry_a_fingerprint_of_code_and_data(pipeline: Pipeline) -> None:
    versions = pipeline.provenance
    assert set(versions) == {"times", "places", "statements", "actors", "events", "sentences", "figures"}
    for stage in pipeline.stages:
        declared, _, digest = versions[stage.name].partition("+")
        assert declared == stage.version and len(digest) == 8
    assert len(set(versions.values())) == len(versions)  # each stage its own fingerprint


def test_fingerprint_follows_the_modules_and_data_files_a_stage_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"/".join(p.parts[-2:]) for p in fp._module_files(("fieldbrief.extract.places",))}
    assert {"model/records.py", "fieldbrief/stage.py"} <= files
    assert any(f.startswith("places/") for f in files) and any(f.startswith("gazetteer/") for f in files)
    assert not any("statements" in f for f in files)
    places, times = fp.fingerprint("fieldbrief.extract.places"), fp.fingerprint("fieldbrief.extract.times")
    edited = tmp_path / "places.toml"
    edited.write_bytes(fp._data_files()["places.toml"].read_bytes() + b"\n# an edit\n")
    data = {**fp._data_files(), "places.toml": edited}
    monkeypatch.setattr(fp, "_data_files", lambda: data)
    fp.fingerprint.cache_clear()
    try:
        assert fp.fingerprint("fieldbrief.extract.places") != places  # places reads places.toml...
        assert fp.fingerprint("fieldbrief.extract.times") == times  # ...times does not
    finally:
        fp.fingerprint.cache_clear()


def test_fingerprint_follows_the_trained_weights_a_stage_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statements, places = fp.fingerprint("fieldbrief.extract.statements"), fp.fingerprint("fieldbrief.extract.places")
    retrained = tmp_path / "statements"
    retrained.mkdir()
    for weights in fp._model_folders()["statements"].iterdir():
        if weights.is_file():
            (retrained / weights.name).write_bytes(weights.read_bytes())
    (retrained / "weights.npz").write_bytes(b"retrained")
    folders = {**fp._model_folders(), "statements": retrained}
    monkeypatch.setattr(fp, "_model_folders", lambda: folders)
    fp.fingerprint.cache_clear()
    try:
        assert fp.fingerprint("fieldbrief.extract.statements") != statements  # new weights, new version
        assert fp.fingerprint("fieldbrief.extract.places") == places  # places loads no weights
    finally:
        fp.fingerprint.cache_clear()
