"""Literals written into DDL text: quoting, numbers, refusals, marker substitution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.toolkit.inline_literals import (
    MARKER,
    InlineLiteralError,
    inlining,
    placeholder,
    render_inline,
    render_literal,
    substitute,
)


@pytest.mark.parametrize(
    ("value", "sql"),
    [
        (None, "NULL"),
        (True, "TRUE"),
        (False, "FALSE"),
        ("it's", "'it''s'"),
        ("a\\b", "'a\\b'"),
        ("%s", "'%s'"),
        (7, "7"),
        (-7, "(-7)"),
        (1.5, "1.5"),
        (Decimal("-12.50"), "(-12.50)"),
    ],
)
def test_render_literal(value, sql):
    assert render_literal(value) == sql


def test_backslash_escapes_and_no_booleans():
    assert render_literal("a\\'b", backslash_escapes=True) == "'a\\\\''b'"
    with pytest.raises(InlineLiteralError, match="boolean"):
        render_literal(True, booleans=None)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), "a\x00b", date(2020, 1, 1), b"x"])
def test_refused_values_name_the_problem(value):
    with pytest.raises(InlineLiteralError):
        render_literal(value)


def test_placeholder_is_a_marker_only_inside_inlining():
    assert placeholder("%s") == "%s"
    with inlining():
        assert placeholder("%s") == MARKER
    assert placeholder("?") == "?"


def test_substitute_in_order_and_counts_markers():
    assert substitute(f"a > {MARKER} AND b = {MARKER}", (1, "x")) == "a > 1 AND b = 'x'"
    with pytest.raises(InlineLiteralError, match="2 inline literal markers but 1"):
        substitute(f"{MARKER}{MARKER}", (1,))


def test_render_inline_runs_the_formatter_with_markers():
    def build():
        return f"CHECK (v > {placeholder('%s')})", (0,)

    assert render_inline(build) == ("CHECK (v > 0)", ())
    assert placeholder("%s") == "%s"
