"""Shared grammar over spaCy's dependency parse: each helper written once.

The stages read the same constructions (a verb's subject, a phrase's conjuncts, a child
by its dependency label); they ask here instead of keeping copies of their own.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["child_with", "conjuncts", "subtree_range"]


def child_with(tok: Token, *deps: str) -> Token | None:
    """The first child of ``tok`` with one of the dependency labels ``deps``."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def subtree_range(tok: Token) -> tuple[int, int]:
    """The token range [start, end) of ``tok``'s subtree."""
    return tok.left_edge.i, tok.right_edge.i + 1


def conjuncts(token: Token) -> list[Token]:
    """The token and its conjuncts, depth first ("mortar and rifle fire" → mortar, fire)."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out
