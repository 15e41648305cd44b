"""`Parsed`: the marker for a field that one parse function reads whole."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema


class Parsed:
    """A field read wholly by one parse function, with its JSON Schema written out: what
    `BeforeValidator(parse)` (or `PlainValidator`) with `WithJsonSchema(schema)` does, for
    a fraction of the cost of building the models at every start-up. pydantic generates
    no schema for the type that the parse function already returns (a float, a year, a
    tuple of pairs) and inspects no signature; `contract=True` dumps the value as its
    `contract`, the form a file writes it."""

    __slots__ = ("contract", "json_schema", "parse")

    def __init__(
        self, parse: Callable[[Any], Any], json_schema: dict[str, Any], contract: bool = False
    ) -> None:
        self.parse = parse
        self.json_schema = json_schema
        self.contract = contract

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        serialization = (
            core_schema.plain_serializer_function_ser_schema(_contract) if self.contract else None
        )
        return core_schema.no_info_plain_validator_function(self.parse, serialization=serialization)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return self.json_schema.copy()


def _contract(value: Any) -> Any:
    return value.contract
