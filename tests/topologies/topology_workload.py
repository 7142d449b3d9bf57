"""The transfer workload every topology runs: money moves between accounts, never created or lost.

Each transfer is one transaction: debit, credit and a ledger row. After the run, every balance must
equal its opening balance plus what the ledger says came in minus what went out, and the total is
unchanged: a transfer half applied, applied twice or lost after its commit breaks one of these.
"""

from __future__ import annotations

import random

ACCOUNTS = 10
OPENING = 1000


def schema(primary_key: str = "BIGSERIAL PRIMARY KEY") -> list:
    return [
        "DROP TABLE IF EXISTS topo_ledger",
        "DROP TABLE IF EXISTS topo_accounts",
        "CREATE TABLE topo_accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
        f"CREATE TABLE topo_ledger (id {primary_key}, src INT NOT NULL, dst INT NOT NULL, amount INT NOT NULL)",
        "INSERT INTO topo_accounts (id, balance) VALUES "
        + ", ".join(f"({i}, {OPENING})" for i in range(1, ACCOUNTS + 1)),
    ]


def pick(rng: random.Random) -> tuple:
    src, dst = rng.sample(range(1, ACCOUNTS + 1), 2)
    return src, dst, rng.randint(1, 50)


def transfer_statements(src: int, dst: int, amount: int) -> list:
    # lower id first: two transfers between the same pair lock in the same order
    first, second = sorted(((src, -amount), (dst, amount)))
    return [
        ("UPDATE topo_accounts SET balance = balance + %s WHERE id = %s", (first[1], first[0])),
        ("UPDATE topo_accounts SET balance = balance + %s WHERE id = %s", (second[1], second[0])),
        ("INSERT INTO topo_ledger (src, dst, amount) VALUES (%s, %s, %s)", (src, dst, amount)),
    ]


class MissingAccount(AssertionError):
    """An UPDATE of a transfer changed no row: the server did not see the account (yet)."""


def transfer(backend, src: int, dst: int, amount: int) -> None:
    for sql, params in transfer_statements(src, dst, amount):
        result = backend.execute(sql, params)
        # Without this a transfer whose UPDATEs found no row would still write its ledger row (seen on a
        # Galera node that had not yet applied the opening balances written on another node).
        if result.affected_rows != 1:
            raise MissingAccount(f"{sql} {params} changed {result.affected_rows} rows")


def reconcile(backend) -> dict:
    """Balances against the ledger; returns {'transfers': n, 'total': sum}; raises AssertionError if off."""
    balances = {r["id"]: int(r["balance"]) for r in backend.fetch_all("SELECT id, balance FROM topo_accounts")}
    expected = dict.fromkeys(range(1, ACCOUNTS + 1), OPENING)
    ledger = backend.fetch_all("SELECT src, dst, amount FROM topo_ledger")
    for row in ledger:
        expected[row["src"]] -= row["amount"]
        expected[row["dst"]] += row["amount"]
    assert balances == expected, f"balances {balances} differ from the ledger's {expected}"
    assert sum(balances.values()) == ACCOUNTS * OPENING
    return {"transfers": len(ledger), "total": sum(balances.values())}
