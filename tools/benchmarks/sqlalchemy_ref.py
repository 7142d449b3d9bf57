"""SQLAlchemy 2 as a reference contender: Core for the backend-level workloads, the ORM for the model ones.

Same table, SQL shape, data and row counts as ours; the engine's connections come from the raw side's
``connect`` (same driver, same implementation, same settings), autocommit. SQLAlchemy is a
benchmark-only dependency (the ``bench`` hatch environment).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.workloads import Contender


def contender(url: str, connect: Callable[[], Any], table_name: str) -> tuple[Contender, Callable[[], None]]:
    """(the contender, its dispose) on an engine whose connections ``connect`` makes."""
    from sqlalchemy import BigInteger, Integer, Numeric, String, bindparam, create_engine, select
    from sqlalchemy.orm import DeclarativeBase, Session, mapped_column

    engine = create_engine(url, creator=connect, isolation_level="AUTOCOMMIT", pool_size=1)

    class Base(DeclarativeBase):
        pass

    class BenchRow(Base):
        __tablename__ = table_name
        # no Mapped[...] annotations: with postponed annotations SQLAlchemy cannot resolve local names
        id = mapped_column(BigInteger, primary_key=True)
        name = mapped_column(String(64), nullable=False)
        amount = mapped_column(Numeric(12, 2), nullable=False)
        qty = mapped_column(Integer, nullable=False)

    table = BenchRow.__table__
    insert, select_all = table.insert(), select(table)
    select_one = select(table).where(table.c.id == bindparam("k"))
    conn = engine.connect()

    def execute_many(data: list[tuple]) -> None:
        conn.execute(insert, [{"name": n, "amount": a, "qty": q} for n, a, q in data])

    def fetch_one(ks: list[int]) -> None:
        for k in ks:
            conn.execute(select_one, {"k": k}).mappings().first()

    # ORM: a new session per timed run (an identity map carried over would skip the row-to-object work)
    def save(data: list[tuple]) -> None:
        with Session(engine, expire_on_commit=False) as session:
            for n, a, q in data:
                session.add(BenchRow(name=n, amount=a, qty=q))
                session.commit()

    def find_one(ks: list[int]) -> None:
        with Session(engine) as session:
            for k in ks:
                session.scalars(select(BenchRow).where(BenchRow.id == k)).first()

    def query_all() -> None:
        with Session(engine) as session:
            session.scalars(select(BenchRow)).all()

    calls: dict[str, Callable[..., object]] = {
        "execute_many": execute_many,
        "fetch_all": lambda: conn.execute(select_all).mappings().all(),
        "fetch_one": fetch_one,
        "save": save,
        "find_one": find_one,
        "query_all": query_all,
    }

    def dispose() -> None:
        conn.close()
        engine.dispose()

    return Contender("sqlalchemy", calls), dispose
