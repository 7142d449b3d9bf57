"""Which suite models each provider method sets up (the suite names them only in docstrings).

Entries: method -> (sync models, async models), each a list of "module:Class" relative to
``rhosocial.activerecord.testsuite.feature``. A method whose result is a tuple is marked ``many``.
Where the suite ships no async twin (a few relation and event fixtures), the async provider returns
the sync class, which is what the suite's async tests then use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

SUITE = "rhosocial.activerecord.testsuite.feature"


@dataclass(frozen=True)
class Fixture:
    sync: tuple[str, ...]
    async_: tuple[str, ...]
    many: bool = True


def _f(module: str, names: str, async_module: str = "", async_names: str = "", many: bool = True) -> Fixture:
    sync = tuple(f"{module}:{n}" for n in names.split())
    if async_names:
        async_ = tuple(f"{async_module or module}:{n}" for n in async_names.split())
    else:
        async_ = tuple(f"{module}:Async{n}" for n in names.split())
    return Fixture(sync, async_, many)


def _one(module: str, name: str, async_module: str = "", async_name: str = "") -> Fixture:
    return _f(module, name, async_module, async_name, many=False)


B = "basic.fixtures.models"
E = "events.fixtures.models"
M = "mixins.fixtures.models"
Q = "query.fixtures.models"
QA = "query.fixtures.async_models"
R = "relation.fixtures.models"

BASIC = {
    "setup_user_model": _one(B, "User"),
    "setup_type_case_model": _one(B, "TypeCase"),
    "setup_type_test_model": _one(B, "TypeTestModel"),
    "setup_validated_field_user_model": _one(B, "ValidatedFieldUser"),
    "setup_validated_user_model": _one(B, "ValidatedUser"),
    "setup_pydantic_validated_model": _one(B, "PydanticValidatedModel"),
    "setup_mapped_models": _f(B, "MappedUser MappedPost MappedComment"),
    "setup_mixed_models": _f(B, "ColumnMappingModel MixedAnnotationModel"),
    "setup_type_adapter_model_and_schema": _one(B, "TypeAdapterTest"),
    "setup_bulk_user_model": _one(B, "BulkUser"),
    "setup_order_item_model": _one(B, "OrderItem"),
    "setup_order_model": _one(B, "Order"),
    "setup_mapped_order_item_model": _one(B, "MappedOrderItem"),
    "setup_product_model": _one(B, "Product"),
    "setup_product_form_a_model": _one(B, "ProductFormA"),
    "setup_product_with_proxy_model": _one(B, "ProductWithProxy"),
    "setup_product_with_column_and_adapter_model": _one(B, "ProductWithColumnAndAdapter"),
}

EVENTS = {
    "setup_event_model": _one(E, "EventTestModel"),
    "setup_event_tracking_model": _one(E, "EventTrackingModel", E, "EventTrackingModel"),
}

MIXINS = {
    "setup_timestamped_post_model": _one(M, "TimestampedPost"),
    "setup_versioned_product_model": _one(M, "VersionedProduct"),
    "setup_task_model": _one(M, "Task"),
    "setup_combined_article_model": _one(M, "CombinedArticle"),
}

QUERY = {
    "setup_order_fixtures": _f(Q, "User Order OrderItem", QA, "AsyncUser AsyncOrder AsyncOrderItem"),
    "setup_blog_fixtures": _f(Q, "User Post Comment", QA, "AsyncUser AsyncPost AsyncComment"),
    "setup_json_user_fixtures": _f(Q, "JsonUser", "query.fixtures.async_json_models", "AsyncJsonUser"),
    "setup_tree_fixtures": _f("query.fixtures.cte_models", "Node", "query.fixtures.async_cte_models", "AsyncNode"),
    "setup_extended_order_fixtures": _f(
        "query.fixtures.extended_models",
        "User ExtendedOrder ExtendedOrderItem",
        "query.fixtures.async_extended_models",
        "AsyncUser AsyncExtendedOrder AsyncExtendedOrderItem",
    ),
    "setup_combined_fixtures": _f(
        Q, "User Order OrderItem Post Comment", QA, "AsyncUser AsyncOrder AsyncOrderItem AsyncPost AsyncComment"
    ),
    "setup_annotated_query_fixtures": _f(
        "query.fixtures.annotated_adapter_models",
        "SearchableItem",
        "query.fixtures.async_annotated_adapter_models",
        "AsyncSearchableItem",
    ),
    "setup_mapped_models": _f(Q, "MappedUser MappedPost MappedComment"),
    "setup_profile_fixtures": _f(Q, "User Profile", QA, "AsyncUser AsyncProfile"),
    "setup_order_item_model": _one(B, "OrderItem"),
}

RELATION = {
    "setup_employee_department_fixtures": _f(R, "Employee Department", R, "Employee Department"),
    "setup_author_book_fixtures": _f(R, "Author Book Chapter Profile", R, "Author Book Chapter Profile"),
    "setup_user_model": _one(R, "User"),
    "setup_post_model": _one(R, "Post"),
    "setup_comment_model": _one(R, "Comment"),
    "setup_relation_boundary_fixtures": _f(R, "BoundaryOwner BoundaryProfile BoundaryPost"),
}


@cache
def load(ref: str) -> type:
    module, name = ref.split(":")
    return getattr(importlib.import_module(f"{SUITE}.{module}"), name)


def models(fixture: Fixture, asynchronous: bool) -> list[type[Any]]:
    return [load(ref) for ref in (fixture.async_ if asynchronous else fixture.sync)]
