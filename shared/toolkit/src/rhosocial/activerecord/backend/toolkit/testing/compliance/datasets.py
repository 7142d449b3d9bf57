"""Named datasets for the suite's relation boundary tests, built through the models (backend-agnostic).

Each dataset is a function of the ids created so far, yielding (key, kind, values) rows in insert order;
``key`` names the id the test looks up afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

Row = tuple[str, str, dict]

# An owner id no row will ever have (the tests check the relation yields nothing for it).
MISSING_OWNER_ID = 999_999


def _null_foreign_key(ids: dict[str, int]) -> Iterator[Row]:
    yield "profile_id", "profile", {"bio": "no owner", "owner_id": None}


def _orphan_foreign_key(ids: dict[str, int]) -> Iterator[Row]:
    ids["missing_owner_id"] = MISSING_OWNER_ID
    yield "post_id", "post", {"title": "orphan", "owner_id": MISSING_OWNER_ID}


def _owner_without_children(ids: dict[str, int]) -> Iterator[Row]:
    yield "owner_id", "owner", {"name": "lonely"}


def _multiple_has_one_matches(ids: dict[str, int]) -> Iterator[Row]:
    yield "owner_id", "owner", {"name": "popular"}
    yield "first_profile_id", "profile", {"bio": "first", "owner_id": ids["owner_id"]}
    yield "second_profile_id", "profile", {"bio": "second", "owner_id": ids["owner_id"]}


RELATION_BOUNDARY_DATASETS: dict[str, Callable[[dict[str, int]], Iterator[Row]]] = {
    "null_foreign_key": _null_foreign_key,
    "orphan_foreign_key": _orphan_foreign_key,
    "owner_without_children": _owner_without_children,
    "multiple_has_one_matches": _multiple_has_one_matches,
}
