"""A query-cost rule: each field costs 1, and a list field asked for ``first: n`` multiplies what
it selects by n (by its default when not given). Fragments are expanded; a cycle costs the limit."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)

DEFAULT_PAGE = 20


def cost_rule(max_cost: int) -> type[ValidationRule]:
    class QueryCostRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.fragments: dict[str, FragmentDefinitionNode] = {
                d.name.value: d for d in context.document.definitions if isinstance(d, FragmentDefinitionNode)
            }

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            variables = self.context.document  # noqa: F841  (variables are unknown at validation)
            cost = self._cost(node.selection_set, set())
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"Query cost {cost} exceeds the limit of {max_cost}; ask for fewer items.",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": max_cost},
                    )
                )

        def _cost(self, selection_set: SelectionSetNode | None, seen: set[str]) -> int:
            if selection_set is None:
                return 0
            total = 0
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    total += 1 + _multiplier(selection) * self._cost(selection.selection_set, seen)
                elif isinstance(selection, InlineFragmentNode):
                    total += self._cost(selection.selection_set, seen)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name in seen:
                        return max_cost + 1
                    fragment = self.fragments.get(name)
                    if fragment is not None:
                        total += self._cost(fragment.selection_set, seen | {name})
                if total > max_cost:
                    return total
            return total

    return QueryCostRule


def _multiplier(node: FieldNode) -> int:
    for argument in node.arguments or ():
        if argument.name.value == "first":
            if isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
            if isinstance(argument.value, VariableNode):
                return 100
    if node.selection_set is not None and any(
        isinstance(s, FieldNode) and s.name.value == "edges" for s in node.selection_set.selections
    ):
        return DEFAULT_PAGE
    return 1


AUTH_MUTATIONS = frozenset({"authRegister", "authLogin", "authRefresh", "authLogout"})


class _Walk:
    """One pass over a document's fragments, each computed once however often it is spread (a
    fragment spread twice by fragments spread twice… would otherwise be walked 2^n times)."""

    def __init__(self, context: ValidationContext) -> None:
        self.context = context
        self.fragments: dict[str, FragmentDefinitionNode] = {
            d.name.value: d for d in context.document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.depths: dict[str, int] = {}
        self.aliases: dict[str, int] = {}
        self.spreads: dict[str, int] = {}
        self.active: set[str] = set()

    def fragment(self, name: str) -> tuple[int, int, int]:
        """(deepest field level inside, aliases, spreads expanded) of a fragment; a cycle counts 0
        (another rule refuses cycles)."""
        if name not in self.depths:
            node = self.fragments.get(name)
            if node is None or name in self.active:
                return 0, 0, 0
            self.active.add(name)
            self.depths[name], self.aliases[name], self.spreads[name] = self.selection(node.selection_set)
            self.active.discard(name)
        return self.depths[name], self.aliases[name], self.spreads[name]

    def selection(self, selection_set: SelectionSetNode | None) -> tuple[int, int, int]:
        """Relative to the selection set: the deepest field level (its own fields are level 0, -1
        when it has none), the aliases and the fragment spreads once every fragment is expanded."""
        depth, aliases, spreads = -1, 0, 0
        for node in selection_set.selections if selection_set is not None else ():
            if isinstance(node, FieldNode):
                aliases += node.alias is not None
                below = (-1, 0, 0)
                if node.selection_set is not None and not node.name.value.startswith("__"):
                    below = self.selection(node.selection_set)
                depth = max(depth, 1 + below[0])
                aliases, spreads = aliases + below[1], spreads + below[2]
            else:
                if isinstance(node, InlineFragmentNode):
                    inner = self.selection(node.selection_set)
                else:
                    assert isinstance(node, FragmentSpreadNode)
                    inner = self.fragment(node.name.value)
                    spreads += 1
                depth = max(depth, inner[0])
                aliases, spreads = aliases + inner[1], spreads + inner[2]
        return depth, aliases, spreads

    def root_fields(self, selection_set: SelectionSetNode, seen: frozenset[str] = frozenset()) -> list[str]:
        names: list[str] = []
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                names.append(node.name.value)
            elif isinstance(node, InlineFragmentNode):
                names += self.root_fields(node.selection_set, seen)
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    names += self.root_fields(fragment.selection_set, seen | {node.name.value})
        return names


def document_rule(*, max_depth: int, max_aliases: int, max_spreads: int) -> type[ValidationRule]:
    """Depth, aliases and fragment spreads of every operation, in time linear in the document.

    The messages of depth and aliases are those of Strawberry's limiters, which this replaces (they
    re-walk a fragment at every spread). A mutation may hold one ``auth*`` field: thirty aliased
    ``authLogin`` fields would be thirty password guesses for one request of the rate limit.
    """

    class DocumentRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            walk = _Walk(context)
            operations = [d for d in context.document.definitions if isinstance(d, OperationDefinitionNode)]
            total_aliases = 0
            for operation in operations:
                name = operation.name.value if operation.name else "anonymous"
                depth, aliases, spreads = walk.selection(operation.selection_set)
                total_aliases += aliases
                if spreads > max_spreads:
                    self.report_error(
                        GraphQLError(
                            f"'{name}' expands {spreads} fragment spreads; the limit is {max_spreads}.",
                            operation,
                            extensions={
                                "code": "QUERY_TOO_COMPLEX",
                                "spreads": spreads,
                                "limit": max_spreads,
                            },
                        )
                    )
                elif depth > max_depth:
                    self._too_deep(walk, operation.selection_set, 0, name)
                if operation.operation.value == "mutation":
                    auth = [f for f in walk.root_fields(operation.selection_set) if f in AUTH_MUTATIONS]
                    if len(auth) > 1:
                        self.report_error(
                            GraphQLError(
                                "A request may hold one sign-in mutation (authRegister, authLogin, "
                                "authRefresh, authLogout).",
                                operation,
                                extensions={"code": "TOO_MANY_AUTH_FIELDS", "count": len(auth)},
                            )
                        )
            if total_aliases > max_aliases:
                self.report_error(GraphQLError(f"{total_aliases} aliases found. Allowed: {max_aliases}"))

        def _too_deep(self, walk: _Walk, selection_set: SelectionSetNode, level: int, name: str) -> None:
            """Reports each field past the limit (a fragment's excess at its spread)."""
            message = f"'{name}' exceeds maximum operation depth of {max_depth}"
            for node in selection_set.selections:
                if isinstance(node, FieldNode):
                    if level > max_depth:
                        self.report_error(GraphQLError(message, node, extensions={"code": "QUERY_TOO_DEEP"}))
                    elif node.selection_set is not None and not node.name.value.startswith("__"):
                        self._too_deep(walk, node.selection_set, level + 1, name)
                elif isinstance(node, InlineFragmentNode):
                    self._too_deep(walk, node.selection_set, level, name)
                elif (
                    isinstance(node, FragmentSpreadNode)
                    and level + walk.fragment(node.name.value)[0] > max_depth
                ):
                    self.report_error(GraphQLError(message, node, extensions={"code": "QUERY_TOO_DEEP"}))

    return DocumentRule
