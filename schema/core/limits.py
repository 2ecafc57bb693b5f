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
