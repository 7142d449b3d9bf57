"""PL/SQL procedure and function calls with IN, OUT and IN OUT binds (what sync and async share).

::

    result = backend.callproc("billing.close_period", [2024, Out(int), InOut(str, "draft", size=20)])
    result.args      # [2024, 17, "closed"]: OUT / IN OUT positions hold what the procedure set
    total = backend.callfunc("billing.total", Decimal, [2024])

``Out(type)``: ``type`` is a Python type (int, float, str, bytes, bool, Decimal, datetime, date) or a
python-oracledb ``DB_TYPE_*`` (``oracledb.DB_TYPE_CURSOR`` for a REF CURSOR, returned as a list of row
dicts). Keyword arguments bind by PL/SQL parameter name. The procedure name is validated (it becomes
part of the ``BEGIN name(...); END;`` the driver writes) and implicit results
(``DBMS_SQL.RETURN_RESULT``) come back on ``result.implicit_results``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

# schema.package.procedure, each part a simple or a quoted identifier (optionally @dblink).
_PART = r'(?:[A-Za-z][A-Za-z0-9_$#]*|"[^"]+")'
_NAME = re.compile(rf"{_PART}(?:\.{_PART}){{0,2}}(?:@{_PART}(?:\.{_PART})*)?")


# the keyword arguments of callproc() / callfunc()
CallKwargs = Optional[Mapping[str, Any]]


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name or ""):
        raise ValueError(f"not a PL/SQL procedure or function name: {name!r}")
    return name


class Param:
    """What OUT and IN OUT parameters have in common: a type and a maximum size."""

    type: Any
    size: int


@dataclass(frozen=True)
class Out(Param):
    """An OUT parameter of ``type`` (``size``: maximum length for strings and bytes)."""

    type: Any
    size: int = 0


@dataclass(frozen=True)
class InOut(Param):
    """An IN OUT parameter: ``value`` goes in, what the procedure leaves comes back."""

    type: Any
    value: Any = None
    size: int = 0


@dataclass
class CallResult:
    """``args``/``kwargs``: the arguments with every OUT / IN OUT replaced by its value after the call."""

    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    implicit_results: list = field(default_factory=list)


@dataclass
class BoundCall:
    """The driver-side arguments and where their OUT variables are."""

    args: list
    kwargs: dict
    outs: dict  # position (int) or name (str) -> driver variable


def _driver_type(kind: Any) -> Any:
    import datetime as dt
    from decimal import Decimal

    import oracledb

    # Python types python-oracledb does not map on its own, as DB types.
    mapped = {Decimal: oracledb.DB_TYPE_NUMBER, dt.date: oracledb.DB_TYPE_DATE, dt.datetime: oracledb.DB_TYPE_TIMESTAMP}
    return mapped.get(kind, kind)


def _variable(cursor: Any, spec: Param, adapt: Callable[[Any], Any]) -> Any:
    from decimal import Decimal

    kwargs: dict[str, Any] = {}
    if spec.type is Decimal:
        kwargs["outconverter"] = lambda v: None if v is None else Decimal(str(v))
    var = (
        cursor.var(_driver_type(spec.type), spec.size or 0, **kwargs)
        if spec.size
        else cursor.var(_driver_type(spec.type), **kwargs)
    )
    if isinstance(spec, InOut):
        var.setvalue(0, adapt(spec.value))
    return var


def bind_call(cursor: Any, args: Sequence[Any], kwargs: Mapping[str, Any], adapt: Callable[[Any], Any]) -> BoundCall:
    """Driver variables for the OUT / IN OUT arguments, adapted values for the IN ones."""
    bound_args: list = []
    bound_kwargs: dict = {}
    outs: dict = {}
    for position, value in enumerate(args):
        if isinstance(value, Param):
            outs[position] = bound = _variable(cursor, value, adapt)
        else:
            bound = adapt(value)
        bound_args.append(bound)
    for name, value in kwargs.items():
        if isinstance(value, Param):
            outs[name] = bound = _variable(cursor, value, adapt)
        else:
            bound = adapt(value)
        bound_kwargs[name] = bound
    return BoundCall(bound_args, bound_kwargs, outs)


def is_cursor(value: Any) -> bool:
    return hasattr(value, "fetchall") and hasattr(value, "description")


def result_of(call: BoundCall, args: Sequence[Any], kwargs: Mapping[str, Any], values: Mapping[Any, Any]) -> CallResult:
    """The caller's arguments with each OUT replaced by ``values[position or name]``."""
    out_args = [values[i] if i in call.outs else v for i, v in enumerate(args)]
    out_kwargs = {k: values[k] if k in call.outs else v for k, v in kwargs.items()}
    return CallResult(out_args, out_kwargs)


def refuse_outs_in_function(args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    if any(isinstance(v, Param) for v in [*args, *kwargs.values()]):
        raise ValueError("OUT parameters of a function would be lost: call it from callproc-style PL/SQL instead")


def returned_type(kind: Any) -> Any:
    """A function's return type as the driver wants it."""
    return _driver_type(kind)


def returned_value(kind: Any, value: Any) -> Any:
    from decimal import Decimal

    if kind is Decimal and value is not None and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value
