"""The one loader of eventwire's data files (``src/eventwire/knowledge/*``).

Every module that reads a word list, a table or a trained model of the package reads it
through here, by file name: ``load_yaml("triggers.yaml")``, ``read_text("lemmas.tsv")``,
``data_file("casing.tsv.xz")``.  YAML is read with libyaml when available (10× faster).

``model_on(component)`` says whether a trained component is used: the environment variable
``EVENTWIRE_MODELS`` unset or ``1`` uses them all, ``0`` none (the rules alone), and a comma
list names the ones used (``EVENTWIRE_MODELS=attribution,geo``: every model but the roles).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, update_wrapper
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Generic, TypeVar

import yaml

__all__ = [
    "MODELS",
    "Trained",
    "data_file",
    "load_yaml",
    "model_on",
    "models_only",
    "models_used",
    "read_bytes",
    "read_text",
    "trained",
    "tsv_rows",
    "word_table",
]

MODELS = ("roles", "attribution", "geo", "muc4-scope")
"""The trained components: the role classifier, the attribution files, the geo ranker and
the MUC-4 scope (read by ``evaluate muc4`` only)."""
_ALL = ("", "1", "on", "yes", "true", "all")
_NONE = ("0", "off", "no", "false", "none")

T = TypeVar("T")
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


def _named() -> frozenset[str]:
    """The components ``EVENTWIRE_MODELS`` names (read at each call: the loaders cache
    files, not this)."""
    value = os.environ.get("EVENTWIRE_MODELS", "1").strip().lower()
    if value in _ALL:
        return frozenset(MODELS)
    if value in _NONE:
        return frozenset()
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def model_on(component: str) -> bool:
    """Whether the trained model(s) of ``component`` (one of ``MODELS``) are used."""
    return component in _named()


def models_used() -> frozenset[str]:
    """The trained components in use; ValueError for a name that is no component (the
    command line refuses it: a typo would silently turn a model off)."""
    named = _named()
    if unknown := sorted(named - set(MODELS)):
        raise ValueError(
            f"EVENTWIRE_MODELS: no trained component {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(MODELS)}; or 1 for all, 0 for none)"
        )
    return named


@contextmanager
def models_only(*components: str) -> Iterator[None]:
    """Use only ``components``' models inside the block (a trainer collecting what the
    rules give without its own model); ``EVENTWIRE_MODELS`` is restored after it."""
    if unknown := sorted(set(components) - set(MODELS)):
        raise ValueError(f"no trained component {', '.join(map(repr, unknown))}")
    before = os.environ.get("EVENTWIRE_MODELS")
    os.environ["EVENTWIRE_MODELS"] = ",".join(components) or "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["EVENTWIRE_MODELS"]
        else:
            os.environ["EVENTWIRE_MODELS"] = before


class Trained(Generic[T]):
    """The loader of a trained component's model: it loads once, and gives None while
    ``EVENTWIRE_MODELS`` turns ``component`` off (or where the loader finds no file)."""

    def __init__(self, component: str, load: Callable[[], T | None]) -> None:
        self.component = component
        self._load = cache(load)
        update_wrapper(self, load)

    def __call__(self) -> T | None:
        return self._load() if model_on(self.component) else None

    def cache_clear(self) -> None:
        """Forget the loaded model (a trainer has just written its file)."""
        self._load.cache_clear()


def trained(component: str) -> Callable[[Callable[[], T | None]], Trained[T]]:
    """Decorate the loader of one of ``component``'s models (see ``Trained``)."""
    return lambda load: Trained(component, load)
