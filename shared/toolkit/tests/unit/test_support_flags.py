"""supports_* answers installed from a table: constants, capabilities, hand-written methods kept."""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.support_flags import support_flags

FLAGS = {"supports_a": True, "supports_b": False, "supports_c": "cap_c", "supports_own": False}


@support_flags(FLAGS, ask="has_capability", product="Test")
class Dialect:
    def __init__(self, capabilities):
        self.capabilities = capabilities

    def has_capability(self, name):
        return name in self.capabilities

    def supports_own(self):
        return True


def test_constants_and_capabilities():
    assert Dialect(set()).supports_a() is True
    assert Dialect(set()).supports_b() is False
    assert Dialect(set()).supports_c() is False
    assert Dialect({"cap_c"}).supports_c() is True


def test_written_out_methods_win_and_docs_name_the_answer():
    assert Dialect(set()).supports_own() is True
    assert Dialect.supports_a.__name__ == "supports_a"
    assert Dialect.supports_a.__doc__ == "Test: always."
    assert Dialect.supports_b.__doc__ == "Test: never."
    assert Dialect.supports_c.__doc__ == "Test: cap_c."
