"""JSONAdapter: dict/list to compact UTF-8 JSON text, back from text, bytes, LOBs or parsed values."""

from __future__ import annotations

import json

import pytest

from rhosocial.activerecord.backend.toolkit.adapters import JSONAdapter

ADAPTER = JSONAdapter()
DOC = {"name": "caf\u00e9 \U0001f600", "tags": ["a", "\U00020000"], "n": 1.5, "ok": True, "none": None}


class FakeLob:
    """Stand-in for an oracledb LOB (needs a server to get a real one): ``read()`` returns the content."""

    def __init__(self, content):
        self.content = content

    def read(self):
        return self.content


def test_to_database_is_compact_and_keeps_4_byte_utf8():
    text = ADAPTER.to_database(DOC, str)
    assert "\U0001f600" in text
    assert "\\u" not in text  # not escaped
    assert ", " not in text
    assert ": " not in text
    assert json.loads(text) == DOC
    assert ADAPTER.to_database([1, [2]], str) == "[1,[2]]"


@pytest.mark.parametrize("value", [DOC, [DOC, []], {}, []])
def test_round_trip(value):
    assert ADAPTER.from_database(ADAPTER.to_database(value, str), dict) == value


def test_from_database_forms():
    text = ADAPTER.to_database(DOC, str)
    assert ADAPTER.from_database(text.encode("utf-8"), dict) == DOC
    assert ADAPTER.from_database(bytearray(text.encode("utf-8")), dict) == DOC
    assert ADAPTER.from_database(memoryview(text.encode("utf-8")), dict) == DOC
    assert ADAPTER.from_database(FakeLob(text), dict) == DOC  # CLOB
    assert ADAPTER.from_database(FakeLob(text.encode("utf-8")), dict) == DOC  # BLOB
    parsed = {"already": "parsed"}
    assert ADAPTER.from_database(parsed, dict) is parsed  # psycopg jsonb, oracledb native JSON


def test_to_database_errors():
    with pytest.raises(TypeError, match=r"Cannot convert str value '\{\}' to str"):
        ADAPTER.to_database("{}", str)
    with pytest.raises(TypeError, match=r"value is not JSON serialisable: Object of type set"):
        ADAPTER.to_database({"s": {1}}, str)
    with pytest.raises(TypeError, match=r"value is not JSON serialisable: Out of range float values"):
        ADAPTER.to_database({"x": float("nan")}, str)  # NaN is not JSON; servers reject it


def test_from_database_errors():
    with pytest.raises(TypeError, match=r"column does not hold valid JSON: Expecting"):
        ADAPTER.from_database("{not json", dict)
    with pytest.raises(TypeError, match=r"Cannot convert int value 5 to dict"):
        ADAPTER.from_database(5, dict)


def test_live_postgres_jsonb_comes_back_parsed(pg):
    (value,) = pg.execute("SELECT %s::jsonb", (ADAPTER.to_database(DOC, str),)).fetchone()
    assert ADAPTER.from_database(value, dict) == DOC


def test_live_postgres_rejects_what_the_adapter_refuses(pg):
    import psycopg

    with pytest.raises(psycopg.errors.InvalidTextRepresentation):
        pg.execute("""SELECT '{"x":NaN}'::jsonb""")


def test_live_mysql_json_column_keeps_4_byte_characters(my):
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE docs (j JSON) DEFAULT CHARSET=utf8mb4")
    cur.execute("INSERT INTO docs VALUES (%s)", (ADAPTER.to_database(DOC, str),))
    cur.execute("SELECT j FROM docs")
    (value,) = cur.fetchone()
    assert ADAPTER.from_database(value, dict) == DOC
