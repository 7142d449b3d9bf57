"""The conformance harness's logic, on a small fake dialect (no server): registration, claim
enumeration with minimum versions, refusal checks, the capability page and the option enumerator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.toolkit.capabilities import ALWAYS, Capability, CapabilityGates, CapabilityTable
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version
from rhosocial.activerecord.backend.toolkit.testing.conformance import Binding, Session, case, claims_of, registry
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import (
    Option,
    Target,
    check_option,
    options_of,
)
from rhosocial.activerecord.backend.toolkit.testing.conformance.page import render_page, stale_answers

TABLE = CapabilityTable("fake", [Capability("merge", {"fakedb": (15,)}), Capability("cte", {"fakedb": ALWAYS})])


class FakeDialect:
    name = "fake"

    def __init__(self, server: ServerInfo) -> None:
        self.server = server

    def supports_merge_statement(self) -> bool:
        return TABLE.supports(self.server, "merge")

    def supports_basic_cte(self) -> bool:
        return TABLE.supports(self.server, "cte")

    def supports_nothing(self) -> None:  # a method answering None, not a bool
        return None

    def supports_explain_format(self, fmt: str) -> bool:
        return fmt == "JSON"

    def supports_functions(self) -> dict[str, bool]:
        return {"a": True}


def info(flavour: str, version: str) -> ServerInfo:
    return ServerInfo("fake", flavour, parse_version(version))


BINDING = Binding(
    backend="oracle",  # any known backend name; nothing connects
    connect=lambda server: None,
    dialect_for=FakeDialect,
    server_info=info,
    no_server="no fake server",
)


@pytest.fixture(autouse=True)
def isolated_registry(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "discover", lambda: sorted(registry._REGISTRY.values(), key=lambda c: c.name))


class Rendered:
    def __init__(self, sql: str) -> None:
        self.sql = sql

    def to_sql(self) -> tuple[str, tuple]:
        return self.sql, ()


class Refused:
    def to_sql(self) -> tuple[str, tuple]:
        raise UnsupportedFeatureError("fake", "MERGE (needs fakedb 15)")


def test_case_needs_a_capability_and_known_backends():
    with pytest.raises(ValueError):
        case()
    with pytest.raises(ValueError):
        case("supports_x", backends={"sqlite"})


def test_case_registered_twice_is_an_error():
    def one(ctx):
        pass

    def two(ctx):
        pass

    case("supports_x", name="dup")(one)
    with pytest.raises(ValueError):
        case("supports_x", name="dup")(two)


def test_claims_name_arguments_and_minimum_versions():
    claims = {c.name: c for c in claims_of(FakeDialect(info("fakedb", "16.1")), info("fakedb", "16.1"))}
    assert claims["supports_merge_statement"].answer is True
    assert claims["supports_merge_statement"].minimum == "15"
    assert claims["supports_basic_cte"].minimum is None  # ALWAYS: no minimum worth showing
    assert claims["supports_nothing"].answer is False
    assert claims["supports_explain_format(JSON)"].answer is True
    assert claims["supports_explain_format(XML)"].answer is False
    assert "supports_functions" not in claims  # not a yes/no question


class RememberingDialect(CapabilityGates):
    """A dialect whose answers are remembered per server (as PostgreSQL's are)."""

    CAPABILITIES = TABLE
    name = "fake"

    def __init__(self, server: ServerInfo) -> None:
        self.server = server

    def supports_merge_statement(self) -> bool:
        return self.has_capability("merge")


def test_claims_see_the_lookups_of_a_dialect_that_remembers_its_answers():
    server = info("fakedb", "16.1")
    dialect = RememberingDialect(server)
    assert dialect.supports_merge_statement()  # answered (and remembered) before the claims are read
    for _ in range(2):
        (claim,) = claims_of(dialect, server)
        assert claim.capabilities == ("merge",)
        assert claim.minimum == "15"


def test_offline_session_checks_refusals_and_skips_proofs():
    case("supports_merge_statement", refusal=lambda ctx: Refused(), name="merge")(lambda ctx: None)
    case("supports_basic_cte", refusal=lambda ctx: Rendered("WITH x AS (SELECT 1) SELECT 1"), name="cte")(
        lambda ctx: None
    )
    old = Session(BINDING, info=info("fakedb", "14.0"))
    assert old.check_claim("supports_merge_statement").status == "refused"
    assert old.check_claim("supports_basic_cte").status == "offline"  # a yes needs a live proof
    assert old.check_claim("supports_explain_format(XML)").status == "unchecked"  # nothing builds it
    assert old.run_case("merge").status == "skipped"


def test_a_no_that_renders_anyway_is_a_silent_downgrade():
    case("supports_merge_statement", refusal=lambda ctx: Rendered("MERGE INTO t ..."), name="merge")(lambda ctx: None)
    result = Session(BINDING, info=info("fakedb", "14.0")).check_claim("supports_merge_statement")
    assert result.status == "silent"
    assert not result.ok


def test_known_defect_on_the_no_path_is_unchecked_not_silent():
    case(
        "supports_merge_statement", refusal=lambda ctx: Rendered("MERGE"), xfail_reason={"oracle": "open: x"}, name="m"
    )(lambda ctx: None)
    result = Session(BINDING, info=info("fakedb", "14.0")).check_claim("supports_merge_statement")
    assert result.status == "unchecked"


def test_page_lists_answers_and_the_check_finds_stale_rows():
    case("supports_merge_statement", refusal=lambda ctx: Refused(), name="merge")(lambda ctx: None)
    session = Session(BINDING, info=info("fakedb", "14.0"))
    session.check_all_claims()
    page = render_page("oracle", [session.report()])
    assert "| `supports_merge_statement` | no | 15 |" in page
    assert stale_answers(BINDING, page) == []
    wrong = page.replace("| `supports_merge_statement` | no |", "| `supports_merge_statement` | yes |")
    assert stale_answers(BINDING, wrong) == [
        "fakedb 14.0.0: supports_merge_statement listed yes, dialect answers False"
    ]
    missing = page.replace("| `supports_basic_cte` | yes |", "| `supports_gone` | yes |")
    assert any("supports_basic_cte" in p and "missing" in p for p in stale_answers(BINDING, missing))


@dataclass
class Knob:
    size: int = 0
    flag: bool = False
    note: Optional[str] = None


class Widget:
    def __init__(self, dialect: Any, name: str, *, loud: bool = False, ignored: bool = False) -> None:
        self.loud, self.ignored = loud, ignored

    def to_sql(self) -> tuple[str, tuple]:
        if self.ignored:
            return "WIDGET", ()
        return ("WIDGET LOUD" if self.loud else "WIDGET"), ()


def test_options_of_dataclasses_and_init_parameters():
    assert [o.name for o in options_of(Knob)] == ["size", "flag", "note"]
    assert [o.name for o in options_of(Widget)] == ["loud", "ignored"]


def test_check_option_tells_rendered_from_silent():
    target = Target(Widget, lambda d, o: Widget(d, "w", **o))
    loud, ignored = options_of(Widget)
    assert check_option(target, loud, None).status == "rendered"
    silent = check_option(target, ignored, None)
    assert silent.status == "silent"
    assert not silent.ok


def test_check_option_counts_a_clear_error_as_refused_and_a_crash_as_failure():
    def refusing(d, o):
        if o:
            raise UnsupportedFeatureError("fake", "LOUD")
        return Widget(d, "w")

    def crashing(d, o):
        if o:
            raise AttributeError("no format_loud")
        return Widget(d, "w")

    loud = Option(Widget, "loud", False, bool)
    assert check_option(Target(Widget, refusing), loud, None).status == "refused"
    assert check_option(Target(Widget, crashing), loud, None).status == "crashed"


def test_option_tests_are_bound_per_backend():
    from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_tests

    rendered, stale = option_tests({}, {})
    assert rendered.__name__ == "test_every_option_is_rendered_or_refused"
    assert stale.__name__ == "test_allow_list_has_no_stale_entries"
    rendered()
    stale()
