"""parse_version on the version strings real servers report, and ServerInfo."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, format_version, parse_version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) "
            "12.2.0, 64-bit",
            (15, 19, 0),
        ),
        ("16.4", (16, 4, 0)),
        ("16.4 (Debian 16.4-1.pgdg120+1)", (16, 4, 0)),
        ("10.11.19-MariaDB-0+deb12u1", (10, 11, 19)),
        ("5.5.5-10.11.19-MariaDB", (5, 5, 5)),  # the replication prefix: callers strip it first
        ("8.0.36", (8, 0, 36)),
        ("8.0.36-0ubuntu0.22.04.1", (8, 0, 36)),
        ("Oracle Database 23ai Free Release 23.0.0.0.0", (23, 0, 0)),
        ("150019", (150019, 0, 0)),  # server_version_num is not dotted: one number
    ],
)
def test_parse_version_on_real_strings(text, expected):
    assert parse_version(text) == expected


def test_parse_version_parts():
    assert parse_version("10.11.19-MariaDB", parts=2) == (10, 11)
    assert parse_version("16", parts=1) == (16,)
    assert parse_version("16.4", parts=4) == (16, 4, 0, 0)
    # Oracle's five-part release: every part is read, not only the first three.
    assert parse_version("Version 23.5.0.24.07", parts=5) == (23, 5, 0, 24, 7)
    assert parse_version("Version 23.5.0.24.07") == (23, 5, 0)


@pytest.mark.parametrize("text", ["", "MariaDB", "version unknown", None])
def test_parse_version_without_a_number_names_the_text(text):
    with pytest.raises(ValueError, match="no version number found in") as info:
        parse_version(text)  # type: ignore[arg-type]
    assert repr(text) in str(info.value)


def test_format_version():
    assert format_version((10, 11, 19)) == "10.11.19"
    assert format_version((23,)) == "23"


def test_server_info_at_least_and_describe():
    server = ServerInfo("mysql", "mariadb", parse_version("10.11.19-MariaDB-0+deb12u1"), "10.11.19-MariaDB-0+deb12u1")

    assert server.at_least(10, 6)
    assert server.at_least(10, 11, 19)
    assert not server.at_least(10, 11, 20)
    assert not server.at_least(11)
    assert server.describe() == "mariadb 10.11.19"
    assert server.settings == {}


def test_server_info_is_frozen_and_settings_are_per_instance():
    a = ServerInfo("postgresql", "postgresql", (15, 19, 0))
    b = ServerInfo("postgresql", "postgresql", (16, 4, 0), settings={"server_encoding": "UTF8"})
    assert a.settings is not b.settings
    assert a.version_string == ""
    with pytest.raises(AttributeError):
        a.version = (16,)  # type: ignore[misc]


def test_server_label_names_product_and_version():
    from types import SimpleNamespace

    from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, server_label

    dialect = SimpleNamespace(name="MariaDB", server=ServerInfo("mysql", "mariadb", (10, 11, 19)))
    assert server_label(dialect) == "MariaDB 10.11.19"


def test_server_info_driver_implementation_is_read_from_the_settings():
    assert ServerInfo("postgresql", "postgresql", (15, 0, 0)).driver_implementation is None
    info = ServerInfo("postgresql", "postgresql", (15, 0, 0), settings={"driver_implementation": "binary"})
    assert info.driver_implementation == "binary"


def test_target_server_the_same_way_on_every_backend() -> None:
    from rhosocial.activerecord.backend.toolkit.probe import target_server

    assumed = ServerInfo("postgresql", "postgresql", (13, 0, 0), "assumed")
    probed = ServerInfo("postgresql", "postgresql", (16, 4, 0), "16.4")
    assert target_server(None, assumed=assumed) is assumed
    assert target_server(probed, assumed=assumed) is probed
    offline = target_server((14,), assumed=assumed)
    assert (offline.product, offline.version, offline.version_string) == ("postgresql", (14, 0, 0), "14.0.0")
    assert target_server(None, (15, 2), assumed=assumed).version == (15, 2, 0)
    built = target_server([23, 4], assumed=assumed, build=lambda v: ServerInfo("oracle", "oracle", v))
    assert built.product == "oracle"
    assert built.version == (23, 4, 0)
