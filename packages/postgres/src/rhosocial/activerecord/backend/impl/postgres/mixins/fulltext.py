"""Full-text matching through tsvector/tsquery, with MySQL's BOOLEAN MODE syntax translated.

``format_fulltext_match(columns, term, mode)`` is the core's MATCH ... AGAINST question. Natural
language mode uses ``plainto_tsquery``. BOOLEAN mode takes MySQL's boolean syntax and keeps its meaning:
``+word`` must occur, ``-word`` must not, plain words are alternatives (at least one must occur when
nothing is required), ``"a phrase"`` matches the words in order, ``word*`` matches a prefix. MySQL's
ranking operators (``> < ~``) and grouping parentheses have no tsquery meaning here and are refused,
as is QUERY EXPANSION.
"""

from __future__ import annotations

import re
from typing import Optional

from .options import unsupported

_TOKEN = re.compile(r'([+-]?)(?:"([^"]*)"|(\S+))')
_WORD = re.compile(r"\w+", re.UNICODE)


def _word(text: str) -> str:
    prefix = text.endswith("*")
    core = text[:-1] if prefix else text
    if not _WORD.fullmatch(core):
        raise ValueError(
            f'boolean full-text term {text!r} is not supported on PostgreSQL (words, +, -, "phrases" and word* only)'
        )
    return f"{core}:*" if prefix else core


def boolean_tsquery(search: str) -> str:
    """MySQL boolean-mode text -> ``to_tsquery`` text with the same matching rules."""
    required: list[str] = []
    excluded: list[str] = []
    optional: list[str] = []
    for match in _TOKEN.finditer(search):
        sign, phrase, word = match.groups()
        if phrase is not None:
            words = phrase.split()
            if not words:
                continue
            term = " <-> ".join(_word(w) for w in words)
            term = f"({term})" if len(words) > 1 else term
        else:
            term = _word(word)
        {"+": required, "-": excluded, "": optional}[sign].append(term)
    if required:
        query = " & ".join(required)
    elif optional:
        query = "(" + " | ".join(optional) + ")"
    else:
        raise ValueError("a boolean full-text search needs at least one word to look for")
    return query + "".join(f" & !{term}" for term in excluded)


class PostgresFulltextMixin:
    def supports_fulltext_boolean_mode(self) -> bool:
        return True

    def supports_fulltext_query_expansion(self) -> bool:
        return False

    def format_fulltext_match(
        self, columns: list[str], search_term: str, mode: Optional[str] = None
    ) -> tuple[str, tuple]:
        """``to_tsvector(a || ' ' || b) @@ plainto_tsquery(%s)`` (natural language) or ``to_tsquery`` (boolean)."""
        document = " || ' ' || ".join(f"coalesce({self.format_identifier(c)}::text, '')" for c in columns)  # type: ignore[attr-defined]
        ph = self.get_parameter_placeholder()  # type: ignore[attr-defined]
        kind = (mode or "NATURAL LANGUAGE").upper().replace(" MODE", "").strip()
        if kind == "BOOLEAN":
            return f"to_tsvector({document}) @@ to_tsquery({ph})", (boolean_tsquery(search_term),)
        if kind in ("NATURAL LANGUAGE", "IN NATURAL LANGUAGE"):
            return f"to_tsvector({document}) @@ plainto_tsquery({ph})", (search_term,)
        raise unsupported(self, f"full-text {mode} mode", "use NATURAL LANGUAGE or BOOLEAN mode")
