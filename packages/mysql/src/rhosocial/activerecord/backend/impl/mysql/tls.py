"""TLS modes named like the MySQL client's ``--ssl-mode``, and what each becomes for mysql-connector.

==================  =====================================================================
``disabled``        plain TCP, whatever TLS files are given
``preferred``       TLS when the server offers it, else plain; the certificate is not checked
``required``        TLS or no connection; the certificate is not checked
``verify_ca``       TLS, certificate signed by ``ssl_ca`` (or the system CAs)
``verify_identity`` ``verify_ca`` and the certificate names the host connected to
==================  =====================================================================

Without ``ssl_mode`` the mode follows the other options, as the MySQL client does: ``ssl_ca``
implies ``verify_ca``; ``ssl_verify_identity`` implies ``verify_identity``; a client certificate
or ``ssl_disabled=False`` implies ``required``; nothing at all means ``disabled`` (not the
client's ``preferred``, which falls back to plain text without saying so).
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

SSL_MODES = ("disabled", "preferred", "required", "verify_ca", "verify_identity")
# Modes under which a plain connection is refused.
TLS_REQUIRED = frozenset({"required", "verify_ca", "verify_identity"})
_VERIFYING = frozenset({"verify_ca", "verify_identity"})


def normalize_ssl_mode(value: Any) -> str:
    """``VERIFY_CA``, ``verify-ca`` and ``verify_ca`` are the same mode."""
    mode = str(value).strip().lower().replace("-", "_")
    if mode not in SSL_MODES:
        raise ConfigurationError(f"invalid value {value!r} for ssl_mode: must be one of {', '.join(SSL_MODES)}")
    return mode


def resolve_ssl_mode(config: Any) -> str:
    """The effective mode for ``config`` (a MySQLConnectionConfig); contradictory options raise."""
    if config.ssl_mode is None:
        if config.ssl_disabled:
            return "disabled"
        if config.ssl_verify_identity:
            return "verify_identity"
        if config.ssl_verify_cert or config.ssl_ca:
            return "verify_ca"
        if config.ssl_cert or config.ssl_key or config.ssl_disabled is False:
            return "required"
        return "disabled"
    mode = normalize_ssl_mode(config.ssl_mode)
    conflicts = []
    if config.ssl_disabled is True and mode != "disabled":
        conflicts.append("ssl_disabled=True")
    if config.ssl_disabled is False and mode == "disabled":
        conflicts.append("ssl_disabled=False")
    if config.ssl_verify_cert and mode not in _VERIFYING:
        conflicts.append("ssl_verify_cert=True")
    if config.ssl_verify_identity and mode != "verify_identity":
        conflicts.append("ssl_verify_identity=True")
    if conflicts:
        raise ConfigurationError(f"ssl_mode={mode!r} contradicts {' and '.join(conflicts)}; give only ssl_mode")
    return mode


def tls_driver_args(mode: str) -> dict[str, Any]:
    """mysql-connector arguments for ``mode`` (``ssl_ca``/``ssl_cert``/``ssl_key`` are passed as given)."""
    if mode == "disabled":
        return {"ssl_disabled": True}
    return {
        "ssl_disabled": False,
        "ssl_verify_cert": mode in _VERIFYING,
        "ssl_verify_identity": mode == "verify_identity",
    }


def tls_active(connection: Any) -> Optional[bool]:
    """Whether the open connection runs over TLS (None when the driver does not say)."""
    raw = getattr(connection, "_cnx", connection)
    cmysql = getattr(raw, "_cmysql", None)
    if cmysql is not None and callable(getattr(cmysql, "get_ssl_cipher", None)):
        return bool(cmysql.get_ssl_cipher())
    active = getattr(raw, "_ssl_active", None)
    return None if active is None else bool(active)


def plain_connection_refused(mode: str, where: str) -> str:
    return (
        f"ssl_mode={mode!r} requires TLS but the server at {where} does not offer it; "
        "enable TLS on the server, or set ssl_mode='preferred' (or 'disabled') to accept a plain connection"
    )


__all__ = [
    "SSL_MODES",
    "TLS_REQUIRED",
    "normalize_ssl_mode",
    "plain_connection_refused",
    "resolve_ssl_mode",
    "tls_active",
    "tls_driver_args",
]
