"""UUIDAdapter: native UUID, CHAR(36) text and BINARY(16)/RAW(16) bytes."""

from __future__ import annotations

from uuid import UUID

import pytest

from rhosocial.activerecord.backend.toolkit.adapters import UUIDAdapter

ADAPTER = UUIDAdapter()
ID = UUID("12345678-9abc-4def-8123-456789abcdef")


@pytest.mark.parametrize("target", [UUID, str, bytes])
def test_round_trip_for_every_storage(target):
    stored = ADAPTER.to_database(ID, target)
    assert type(stored) is target
    assert ADAPTER.from_database(stored, UUID) == ID


def test_storage_forms():
    assert ADAPTER.to_database(ID, str) == "12345678-9abc-4def-8123-456789abcdef"
    assert ADAPTER.to_database(ID, bytes) == ID.bytes
    assert len(ADAPTER.to_database(ID, bytes)) == 16


def test_text_input_is_validated():
    assert ADAPTER.to_database("12345678-9ABC-4DEF-8123-456789ABCDEF", str) == str(ID)
    assert ADAPTER.to_database("{12345678-9abc-4def-8123-456789abcdef}", bytes) == ID.bytes
    with pytest.raises(ValueError, match=r"'not-a-uuid' is not a UUID: badly formed hexadecimal UUID string"):
        ADAPTER.to_database("not-a-uuid", str)


def test_other_input_types_are_refused():
    with pytest.raises(TypeError, match=r"Cannot convert int value 42 to UUID"):
        ADAPTER.to_database(42, UUID)
    with pytest.raises(TypeError, match=r"Cannot convert bytes value b'.*' to bytes"):
        ADAPTER.to_database(ID.bytes, bytes)


def test_from_database_bytes_forms():
    assert ADAPTER.from_database(ID.bytes, UUID) == ID  # 16 raw bytes
    assert ADAPTER.from_database(bytearray(ID.bytes), UUID) == ID
    assert ADAPTER.from_database(memoryview(ID.bytes), UUID) == ID
    assert ADAPTER.from_database(str(ID).encode("ascii"), UUID) == ID  # CHAR(36) read as bytes
    assert ADAPTER.from_database(ID.hex.encode("ascii"), UUID) == ID  # 32 hex digits
    assert ADAPTER.from_database(str(ID), UUID) == ID
    assert ADAPTER.from_database(ID, UUID) is ID


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (b"\x01\x02\x03", r"Cannot convert b'\\x01\\x02\\x03' to UUID"),
        ("12345678", r"Cannot convert '12345678' to UUID"),
        ("\u00e9" * 36, r"Cannot convert '\u00e9+' to UUID"),
        (("\u00e9" * 18).encode("utf-8"), r"Cannot convert b'.*' to UUID"),  # 36 non-ASCII bytes
    ],
)
def test_bad_driver_values_name_the_value(value, pattern):
    with pytest.raises(TypeError, match=pattern):
        ADAPTER.from_database(value, UUID)


def test_unsupported_driver_type():
    with pytest.raises(TypeError, match=r"Cannot convert int value 1 to UUID"):
        ADAPTER.from_database(1, UUID)


def test_live_postgres_native_uuid(pg):
    (value,) = pg.execute("SELECT %s::uuid", (ADAPTER.to_database(ID, UUID),)).fetchone()
    assert isinstance(value, UUID)
    assert ADAPTER.from_database(value, UUID) == ID


def test_live_mysql_binary16_and_char36(my):
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE ids (b BINARY(16), c CHAR(36))")
    cur.execute("INSERT INTO ids VALUES (%s, %s)", (ADAPTER.to_database(ID, bytes), ADAPTER.to_database(ID, str)))
    cur.execute("SELECT b, c FROM ids")
    raw, text = cur.fetchone()
    assert len(bytes(raw)) == 16
    assert ADAPTER.from_database(raw, UUID) == ID
    assert ADAPTER.from_database(text, UUID) == ID
