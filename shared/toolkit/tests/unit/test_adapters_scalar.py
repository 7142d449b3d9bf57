"""BooleanAdapter, BytesAdapter and EnumAdapter."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum, IntEnum

import pytest

from rhosocial.activerecord.backend.toolkit.adapters import BooleanAdapter, BytesAdapter, EnumAdapter

BOOL = BooleanAdapter()
BYTES = BytesAdapter()
ENUM = EnumAdapter()


class Color(Enum):
    RED = "r"
    GREEN = "g"


class Level(IntEnum):
    LOW = 1
    HIGH = 2


class Odd(Enum):
    # A member whose value is another member's name: lookup by name must win.
    A = "B"
    B = "x"


# --- bool ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "true", "false"), [(bool, True, False), (int, 1, 0), (str, "true", "false")])
def test_bool_to_database_forms_round_trip(target, true, false):
    assert BOOL.to_database(True, target) == true
    assert type(BOOL.to_database(True, target)) is target
    assert BOOL.to_database(False, target) == false
    assert BOOL.from_database(BOOL.to_database(True, target), bool) is True
    assert BOOL.from_database(BOOL.to_database(False, target), bool) is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        (0, False),
        (Decimal("1"), True),  # Oracle NUMBER(1), MySQL DECIMAL(1)
        (Decimal("0.0"), False),
        (1.0, True),
        (" Yes ", True),
        ("t", True),
        ("ON", True),
        ("1", True),
        ("no", False),
        ("F", False),
        ("off", False),
        ("0", False),
        (True, True),
    ],
)
def test_bool_from_database(value, expected):
    assert BOOL.from_database(value, bool) is expected


@pytest.mark.parametrize("value", [2, -1, Decimal("0.5"), 0.5])
def test_bool_from_other_numbers_names_the_value(value):
    with pytest.raises(ValueError) as info:
        BOOL.from_database(value, bool)
    assert str(info.value) == f"{value!r} is not a boolean (expected 0 or 1)"


def test_bool_errors():
    with pytest.raises(ValueError, match=r"'maybe' is not a boolean"):
        BOOL.from_database("maybe", bool)
    with pytest.raises(TypeError, match=r"Cannot convert bytes value b'\\x01' to bool"):
        BOOL.from_database(b"\x01", bool)
    with pytest.raises(TypeError, match=r"Cannot convert int value 1 to int"):
        BOOL.to_database(1, int)


def test_live_mysql_tinyint_and_decimal_booleans(my):
    cur = my.cursor()
    cur.execute("SELECT CAST(1 AS DECIMAL(1,0)), TRUE, FALSE")
    one_decimal, true_int, false_int = cur.fetchone()
    assert isinstance(one_decimal, Decimal)
    assert BOOL.from_database(one_decimal, bool) is True
    assert (BOOL.from_database(true_int, bool), BOOL.from_database(false_int, bool)) == (True, False)


# --- bytes ---------------------------------------------------------------------------------------


def test_bytes_round_trip_and_input_forms():
    data = bytes(range(256))
    assert BYTES.from_database(BYTES.to_database(data, bytes), bytes) == data
    assert BYTES.to_database(bytearray(b"ab"), bytes) == b"ab"
    assert type(BYTES.to_database(memoryview(b"ab"), bytes)) is bytes


def test_bytes_from_database_forms():
    assert BYTES.from_database(memoryview(b"\x00\xff"), bytes) == b"\x00\xff"
    assert type(BYTES.from_database(bytearray(b"x"), bytes)) is bytes

    class Lob:  # stand-in for an oracledb BLOB (needs a server): read() gives the content
        def read(self):
            return b"blob"

    assert BYTES.from_database(Lob(), bytes) == b"blob"


def test_bytes_errors():
    with pytest.raises(TypeError, match=r"Cannot convert str value 'text' to bytes"):
        BYTES.to_database("text", bytes)
    with pytest.raises(TypeError, match=r"Cannot convert int value 7 to bytes"):
        BYTES.from_database(7, bytes)


def test_live_bytea_and_blob(pg, my):
    data = b"\x00\x01\xfe\xff"
    (from_pg,) = pg.execute("SELECT %s::bytea", (BYTES.to_database(memoryview(data), bytes),)).fetchone()
    assert BYTES.from_database(from_pg, bytes) == data
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE blobs (b BLOB)")
    cur.execute("INSERT INTO blobs VALUES (%s)", (BYTES.to_database(data, bytes),))
    cur.execute("SELECT b FROM blobs")
    assert BYTES.from_database(cur.fetchone()[0], bytes) == data


# --- Enum ----------------------------------------------------------------------------------------


def test_enum_to_database():
    assert ENUM.to_database(Color.RED, str) == "RED"  # by name, as the core does
    assert ENUM.to_database(Color.RED, str, {"by": "value"}) == "r"
    assert ENUM.to_database(Level.HIGH, int) == 2
    assert ENUM.to_database(Color.GREEN, str, {"by": "name"}) == "GREEN"


def test_enum_from_database_by_name_value_and_int():
    assert ENUM.from_database("GREEN", Color) is Color.GREEN
    assert ENUM.from_database("g", Color) is Color.GREEN
    assert ENUM.from_database(2, Level) is Level.HIGH
    assert ENUM.from_database("LOW", Level) is Level.LOW
    assert ENUM.from_database(Color.RED, Color) is Color.RED
    assert ENUM.from_database("B", Odd) is Odd.B  # a name wins over an equal value


@pytest.mark.parametrize("target", [str, int])
def test_enum_round_trip(target):
    member = Level.LOW
    assert ENUM.from_database(ENUM.to_database(member, target), Level) is member


def test_enum_errors():
    with pytest.raises(ValueError, match=r"'BLUE' is not a member of Color"):
        ENUM.from_database("BLUE", Color)
    with pytest.raises(ValueError, match=r"7 is not a member of Level"):
        ENUM.from_database(7, Level)
    with pytest.raises(TypeError, match=r"Cannot convert str value 'RED' to str"):
        ENUM.to_database("RED", str)
