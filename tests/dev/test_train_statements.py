"""The statement tagger's training script (dev/train_statements.py): run without options it rebuilds the shipped
weights, so its defaults are the settings config.json records for them."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dev"))  # a script folder, not a package

from train_statements import MIN_STAGE_PRECISION, best_threshold, parser  # noqa: E402

from fieldbrief.extract.statements.encoder import UNRECORDED_DILATIONS  # noqa: E402
from fieldbrief.extract.statements.tagger import CONFIG_FILE, MODEL_PACKAGE  # noqa: E402

# config.json's name of each setting -> the training option that sets it
RECORDED = {
    "cue_bits": "cue_bits",
    "hidden": "hidden",
    "bits": "bits",
    "cue_threshold": "inference_cue_threshold",
    "content_l2": "content_l2",
    "encoder_bits": "encoder_bits",
    "encoder_width": "encoder_width",
    "encoder_dilations": "encoder_dilations",
    "encoder_epochs": "encoder_epochs",
}


def test_the_training_defaults_are_the_shipped_settings() -> None:
    shipped = json.loads(resources.files(MODEL_PACKAGE).joinpath(CONFIG_FILE).read_text(encoding="utf-8"))
    defaults = vars(parser().parse_args([]))
    assert defaults["encoder"], "the shipped weights have an encoder"
    # weights saved before the dilations were recorded have encoder.UNRECORDED_DILATIONS
    shipped.setdefault("encoder_dilations", list(UNRECORDED_DILATIONS))
    for recorded, option in RECORDED.items():
        value = defaults[option]
        assert (list(value) if isinstance(value, tuple) else value) == shipped[recorded], recorded


def test_the_dilations_option_reads_a_list() -> None:
    assert parser().parse_args(["--encoder-dilations", "1,2,4,8"]).encoder_dilations == (1, 2, 4, 8)


def _figures(precision: float, f1: float, seeds: float) -> dict[str, float]:
    return {"stage_precision": precision, "stage_f1": f1, "seeds_f1": seeds}


def test_the_threshold_is_the_best_dev_f1_that_keeps_the_precision_and_the_seeds() -> None:
    figures = {
        0.15: _figures(MIN_STAGE_PRECISION - 0.01, 0.770, 0.95),  # the best F1, below the precision floor
        0.2: _figures(0.86, 0.765, 0.898),  # the seeds' statements fall below the project's 0.9
        0.25: _figures(0.87, 0.763, 0.936),
        0.3: _figures(0.88, 0.760, 0.936),
    }
    assert best_threshold(figures) == 0.25
    figures[0.2]["seeds_f1"] = 0.9
    assert best_threshold(figures) == 0.2


def test_without_an_admissible_threshold_the_best_dev_f1() -> None:
    figures = {0.2: _figures(0.70, 0.74, 0.8), 0.3: _figures(0.75, 0.72, 0.95)}
    assert best_threshold(figures) == 0.2
