"""Field duplication and directive overloading, refused right after parsing with one error.

Validation compares every pair of fields that share a response key (``{ me{id} me{id} … }``: 490
copies in 3 KB kept the event loop busy for seconds), and reports one error per unknown or repeated
directive. So before validation: a response key may appear ``max_repeats`` times in a selection set
(inline fragments included), a document may hold ``max_directives`` directives, all of them known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension

CODE = "QUERY_TOO_COMPLEX"


def _keys(selection_set: SelectionSetNode) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield (selection.alias or selection.name).value
        elif isinstance(selection, InlineFragmentNode):
            yield from _keys(selection.selection_set)


class _Shape(Visitor):
    def __init__(self, max_repeats: int) -> None:
        super().__init__()
        self.max_repeats = max_repeats
        self.directives: list[DirectiveNode] = []
        self.repeated: tuple[str, int, SelectionSetNode] | None = None

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.directives.append(node)

    def enter_selection_set(self, node: SelectionSetNode, *_: Any) -> Any:
        if self.repeated is None:
            for key, count in Counter(_keys(node)).most_common(1):
                if count > self.max_repeats:
                    self.repeated = (key, count, node)
        return None


def check_document(
    document: DocumentNode, *, known_directives: set[str], max_repeats: int, max_directives: int
) -> GraphQLError | None:
    shape = _Shape(max_repeats)
    visit(document, shape)
    if shape.repeated is not None:
        key, count, node = shape.repeated
        return GraphQLError(
            f"'{key}' is selected {count} times in one selection set; the limit is {max_repeats}.",
            node,
            extensions={"code": CODE, "limit": max_repeats},
        )
    if len(shape.directives) > max_directives:
        return GraphQLError(
            f"The document holds {len(shape.directives)} directives; the limit is {max_directives}.",
            shape.directives[max_directives],
            extensions={"code": CODE, "limit": max_directives},
        )
    for directive in shape.directives:
        if directive.name.value not in known_directives:
            return GraphQLError(f"Unknown directive '@{directive.name.value}'.", directive)
    return None


def overloading_limiter(*, max_repeats: int = 10, max_directives: int = 30) -> type[SchemaExtension]:
    """An extension class; its verdicts are kept per query text (the parser cache's key)."""
    checked: dict[str, GraphQLError | None] = {}

    class OverloadingLimiter(SchemaExtension):
        def on_parse(self) -> Iterator[None]:
            yield
            context = self.execution_context
            document = context.graphql_document
            if document is None:
                return
            query = context.query or ""
            if query in checked:
                error = checked[query]
            else:
                known = {d.name for d in context.schema._schema.directives}
                error = check_document(
                    document, known_directives=known, max_repeats=max_repeats, max_directives=max_directives
                )
                if len(checked) >= 1024:
                    checked.clear()
                checked[query] = error
            if error is not None:
                raise error

    return OverloadingLimiter
