"""The toolkit's small one-concern modules: config checks, deprecated aliases, extras, statement
logging, URL configs and the script mixins (pure logic; the script mixins run on a recording fake)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Optional

import pytest

from rhosocial.activerecord.backend.errors import QueryError
from rhosocial.activerecord.backend.toolkit import config_checks, log
from rhosocial.activerecord.backend.toolkit.deprecation import deprecated_alias
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError, MultipleStatementsError
from rhosocial.activerecord.backend.toolkit.extras import require_extra
from rhosocial.activerecord.backend.toolkit.scripts import AsyncScriptMixin, ScriptMixin
from rhosocial.activerecord.backend.toolkit.statements import POSTGRES_SYNTAX
from rhosocial.activerecord.backend.toolkit.urls import config_from_url, convert_text

# -- config_checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, 1.5, None, [1]])
def test_whole_number_refuses_what_is_not_an_int_or_text(value):
    with pytest.raises(ValueError, match="whole number"):
        config_checks.whole_number(value)


def test_whole_number_bounds():
    assert config_checks.whole_number("7") == 7
    assert config_checks.non_negative_whole(0) == 0
    with pytest.raises(ValueError, match="0 or more"):
        config_checks.non_negative_whole(-1)
    assert config_checks.positive_whole("3") == 3
    with pytest.raises(ValueError, match="1 or more"):
        config_checks.positive_whole(0)


@dataclasses.dataclass
class _Config:
    pool_size: Optional[int] = None
    retries: object = None


def test_check_fields_names_the_bad_field_and_skips_unset_ones():
    checks = {"pool_size": config_checks.positive_whole, "retries": config_checks.non_negative_whole}
    config_checks.check_fields(_Config(), checks)  # nothing set: nothing checked
    config_checks.check_fields(_Config(pool_size=2, retries="0"), checks)
    with pytest.raises(ConfigurationError, match=r"invalid value 0 for pool_size: must be 1 or more"):
        config_checks.check_fields(_Config(pool_size=0), checks)
    with pytest.raises(ConfigurationError, match=r"retries: must be a whole number"):
        config_checks.check_fields(_Config(retries=2.5), checks)


# -- deprecation ------------------------------------------------------------------------------------


class _Renamed:
    old = deprecated_alias("new")

    def __init__(self) -> None:
        self.new = 42


def test_deprecated_alias_forwards_with_a_warning_naming_the_replacement():
    assert isinstance(_Renamed.old, deprecated_alias)  # on the class: the descriptor itself
    with pytest.warns(DeprecationWarning, match=r"_Renamed\.old is deprecated; use \.new"):
        assert _Renamed().old == 42


# -- extras -----------------------------------------------------------------------------------------


def test_require_extra_imports_or_names_the_extra():
    assert require_extra("json", "rhosocial-x", "json", "the json field").dumps([1]) == "[1]"
    with pytest.raises(ConfigurationError, match=r"ssl_key needs no_such_mod_x.*pip install 'pkg\[tls\]'"):
        require_extra("no_such_mod_x", "pkg", "tls", "ssl_key")


# -- log --------------------------------------------------------------------------------------------


@pytest.fixture
def statement_log():
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep()
    log.statements.addHandler(handler)
    level = log.statements.level
    yield records
    log.statements.removeHandler(handler)
    log.log_statements(False)
    log.statements.setLevel(level)


def test_statement_logging_is_off_by_default_and_masks_parameters(statement_log):
    log.log_statements(False)
    log.log_statement("SELECT 1")
    assert statement_log == []
    log.log_statements()
    log.log_statement("SELECT 1")
    log.log_statement("SELECT %s, %s", (1, "secret"))
    log.log_statement("SELECT %s", iter([1]))  # no length: the count is unknown
    assert statement_log == [
        "SELECT 1",
        "SELECT %s, %s -- 2 parameter(s), masked",
        "SELECT %s -- ? parameter(s), masked",
    ]
    log.log_statements(parameters=True)
    log.log_statement("SELECT %s", (7,))
    assert statement_log[-1] == "SELECT %s -- parameters: (7,)"


def test_quiet_logging_defaults_to_warning_unless_a_config_was_given():
    class Backend(log.QuietLogging):
        pass

    backend = Backend()
    assert backend._get_logging_config() is log.BACKEND_LOGGING
    own = object()
    backend._logging_config = own  # type: ignore[attr-defined]
    assert backend._get_logging_config() is own


# -- urls -------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _UrlConfig:
    host: str = "localhost"
    port: int = 5432
    username: Optional[str] = None
    password: Optional[str] = None
    database: Optional[str] = None
    connect_timeout: Optional[int] = None
    ratio: Optional[float] = None
    autocommit: Optional[bool] = None
    sslmode: Optional[str] = None
    options: Optional[dict] = None


def _url(url: str, **kw):
    return config_from_url(_UrlConfig, url, ("postgresql", "postgres"), **kw)


def test_url_fields_are_decoded_and_converted():
    config = _url("postgresql://us%40er:p%2Fw@db.example:6543/my%20db?connect_timeout=5&ratio=0.5&autocommit=on")
    assert (config.host, config.port, config.username, config.password) == ("db.example", 6543, "us@er", "p/w")
    assert config.database == "my db"
    assert (config.connect_timeout, config.ratio, config.autocommit) == (5, 0.5, True)
    assert _url("postgres://h/db?sslmode=require", port=1).sslmode == "require"
    assert _url("postgres://h/db", port=1).port == 1  # overrides win
    bare = _url("postgresql://")
    assert (bare.host, bare.username, bare.database) == ("localhost", None, None)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://h/db", "URL scheme 'mysql': expected one of postgresql, postgres"),
        ("h/db", "URL scheme '(none)'"),
        ("postgresql://h:notaport/db", "URL port"),
        ("postgresql://h/db?nope=1", "'nope' is not a field of _UrlConfig"),
        ("postgresql://h/db?options=x", "'options' is not a field"),
        ("postgresql://h/db?autocommit=maybe", "autocommit='maybe': must be true or false"),
        ("postgresql://h/db?connect_timeout=soon", "connect_timeout='soon'"),
        ("postgresql://h/db?ratio=half", "ratio='half'"),
    ],
)
def test_url_refusals_name_the_part(url, message):
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _url(url)


def test_convert_text_by_declared_annotation_text():
    # annotations left as text (a config whose hints do not resolve) convert by their spelling
    assert convert_text("a", "yes", "Optional[bool]") is True
    assert convert_text("a", "3", "int") == 3
    assert convert_text("a", "2.5", "Optional[float]") == 2.5
    assert convert_text("a", "x", "str") == "x"


def test_unresolvable_hints_fall_back_to_the_declared_text():
    @dataclasses.dataclass
    class Odd:
        host: str = "h"
        port: NoSuchType = None  # type: ignore[name-defined]  # noqa: F821
        connect_timeout: int = 0  # the text "int" (annotations are not evaluated in this module)

    config = config_from_url(Odd, "x://h:1/?connect_timeout=4", ("x",), path_field="host")
    assert (config.port, config.connect_timeout) == (1, 4)


# -- scripts ----------------------------------------------------------------------------------------


class _Recorder(ScriptMixin):
    def __init__(self, fail_on: Optional[str] = None, error: Optional[BaseException] = None) -> None:
        self.ran: list[str] = []
        self.fail_on, self.error = fail_on, error

    def _script_syntax(self):  # type: ignore[override]
        return POSTGRES_SYNTAX

    def execute(self, sql: str) -> None:
        if sql == self.fail_on:
            raise self.error or QueryError("boom")
        self.ran.append(sql)


class _AsyncRecorder(AsyncScriptMixin, _Recorder):
    async def execute(self, sql: str) -> None:  # type: ignore[override]
        _Recorder.execute(self, sql)


SCRIPT = "CREATE TABLE a (x int);\n-- a comment\nINSERT INTO a VALUES (1);\nSELECT 'x;y'"


def test_one_statement_rule():
    backend = _Recorder()
    backend._refuse_multiple_statements("SELECT 1")  # no semicolon: nothing to scan
    backend._refuse_multiple_statements("SELECT ';'")
    with pytest.raises(MultipleStatementsError):
        backend._refuse_multiple_statements("SELECT 1; SELECT 2")


def test_executescript_runs_each_statement_in_order():
    backend = _Recorder()
    expected = ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)", "SELECT 'x;y'"]
    assert [s.text for s in backend.script_statements(SCRIPT)] == expected
    assert backend.ran == []  # listing runs nothing
    backend.executescript(SCRIPT)
    assert backend.ran == expected


def test_executescript_failure_names_the_statement_and_keeps_the_class():
    backend = _Recorder(fail_on="INSERT INTO a VALUES (1)")
    with pytest.raises(QueryError, match=r"statement 2.* of 3 failed; the 1 statement\(s\) before it ran") as info:
        backend.executescript(SCRIPT)
    assert isinstance(info.value.__cause__, QueryError)
    assert backend.ran == ["CREATE TABLE a (x int)"]


def test_executescript_reraises_non_database_errors_unchanged():
    error = KeyError("driver bug")
    backend = _Recorder(fail_on="CREATE TABLE a (x int)", error=error)
    with pytest.raises(KeyError) as info:
        backend.executescript(SCRIPT)
    assert info.value is error


def test_async_executescript_runs_and_restates_failures():
    backend = _AsyncRecorder()
    asyncio.run(backend.executescript(SCRIPT))
    assert len(backend.ran) == 3
    failing = _AsyncRecorder(fail_on="SELECT 'x;y'")
    with pytest.raises(QueryError, match="of 3 failed"):
        asyncio.run(failing.executescript(SCRIPT))
    assert failing.ran == ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"]


def test_from_url_mixin_uses_the_class_schemes_and_path_field():
    from dataclasses import dataclass

    import pytest

    from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
    from rhosocial.activerecord.backend.toolkit.urls import FromUrlMixin

    @dataclass
    class Config(FromUrlMixin):
        URL_SCHEMES = ("demo",)
        URL_PATH_FIELD = "service"
        host: Optional[str] = None
        port: Optional[int] = None
        service: Optional[str] = None

    config = Config.from_url("demo://h:15/svc", port=16)
    assert (config.host, config.port, config.service) == ("h", 16, "svc")
    with pytest.raises(ConfigurationError):
        Config.from_url("other://h/svc")
