"""The table-driven type spelling mixin: fixed text, functions, sized helpers, other @handles kept."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin
from rhosocial.activerecord.backend.expression.types import (
    CharType,
    CustomType,
    IntType,
    TimestampType,
    VarCharType,
)
from rhosocial.activerecord.backend.toolkit.ddl_types import SpelledTypesMixin, raw, sized


class Spelled(SpelledTypesMixin):
    TYPE_SPELLINGS = {
        IntType: "INT",
        CharType: lambda dialect, t: f"CHAR({t.length or dialect.default_length})",
        VarCharType: sized("VARCHAR", "length"),
        TimestampType: sized("TIMESTAMP", "precision", 6, " WITH TIME ZONE"),
        CustomType: raw,
    }
    default_length = 7

    @DDLTypeMixin.handles(float)
    def format_data_type_extra(self, data_type: object) -> tuple[str, tuple]:
        return "EXTRA", ()


class Subclassed(Spelled):
    pass


def test_fixed_and_function_spellings():
    d = Spelled()
    assert d.format_data_type(IntType()) == ("INT", ())
    assert d.format_data_type(CharType()) == ("CHAR(7)", ())
    assert d.format_data_type(CustomType("point")) == ("point", ())


def test_sized_default_and_bare():
    d = Spelled()
    assert d.format_data_type(VarCharType(12)) == ("VARCHAR(12)", ())
    assert d.format_data_type(VarCharType()) == ("VARCHAR", ())
    assert d.format_data_type(TimestampType()) == ("TIMESTAMP(6) WITH TIME ZONE", ())
    assert d.format_data_type(TimestampType(precision=3)) == ("TIMESTAMP(3) WITH TIME ZONE", ())


def test_other_handles_and_subclasses_keep_working():
    assert Spelled().format_data_type(1.5) == ("EXTRA", ())
    assert Subclassed().format_data_type(IntType()) == ("INT", ())
    listed = dict(Subclassed().supports_data_types())
    assert listed[IntType] == "INT"


def test_unlisted_type_still_refused():
    from rhosocial.activerecord.backend.expression.types import BlobType

    with pytest.raises(TypeError):
        Spelled().format_data_type(BlobType())


def test_refused_types_left_out_of_the_listing():
    from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

    def refuse(dialect, t):
        raise UnsupportedFeatureError("test", "refused")

    class Refusing(SpelledTypesMixin):
        TYPE_SPELLINGS = {IntType: refuse, CustomType: raw}

    listed = dict(Refusing().supports_data_types())
    assert IntType not in listed
    assert listed[CustomType] == "CustomType"
