"""The one loader of eventwire's data files (``src/eventwire/knowledge/*``).

Every module that reads a word list, a table or a trained model of the package reads it
through here, by file name: ``load_yaml("triggers.yaml")``, ``read_text("lemmas.tsv")``,
``data_file("casing.tsv.xz")``.  YAML is read with libyaml when available (10× faster).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

__all__ = ["data_file", "load_yaml", "read_bytes", "read_text", "tsv_rows", "word_table"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_file(name: str) -> Traversable:
    """The data file ``name`` of the package (a Traversable: open it, read it)."""
    return resources.files(__package__).joinpath(name)


def read_text(name: str) -> str:
    """The text of the data file ``name`` (UTF-8)."""
    return data_file(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    """The bytes of the data file ``name``."""
    return data_file(name).read_bytes()


def load_yaml(name: str) -> Any:
    """The parsed YAML file ``name`` (an empty file gives an empty dict)."""
    return yaml.load(read_text(name), Loader=_LOADER) or {}


def tsv_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of ``name``, without empty lines and ``#`` comments."""
    lines = read_text(name).splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def word_table(name: str) -> dict[str, frozenset[str]]:
    """A table of words by use: column name → the words (first column) marked in it.

    The first row that is not a comment names the columns; a non-empty cell marks the word.
    """
    header, *rows = tsv_rows(name)
    return {
        column: frozenset(row[0] for row in rows if len(row) > i and row[i].strip())
        for i, column in enumerate(header[1:], 1)
    }
