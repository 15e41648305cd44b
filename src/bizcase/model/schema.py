"""The JSON Schema of the scenario format, derived from the pydantic models, for editors.

Editors with a YAML language server check and complete scenario files as they are typed
when a file starts with `# yaml-language-server: $schema=<this schema>`. The schema checks
structure and units; rules that need the whole file (shares summing to 100%, known
partner ids) are left to `bizcase validate`.
"""

from __future__ import annotations

from typing import Any

from bizcase.model.scenario import Scenario

SCHEMA_ID = "https://bizcase.invalid/schema/scenario-v1.json"
"""An identifier, not an address: the schema ships with bizcase (`bizcase schema`)."""


def scenario_json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["properties"]["extends"] = {
        "type": "string",
        "description": "A base scenario file, relative to this one: its fields are loaded "
        "first; mappings merge key by key, lists and scalars here replace the base's.",
    }
    for definition in (schema, *schema.get("$defs", {}).values()):
        properties = definition.get("properties", {})
        share = properties.get("share")
        if share is not None:
            share["default"] = "equal"
        for name in ("share", "succeeds"):  # their description says it; pydantic adds a
            properties.get(name, {}).pop("title", None)  # title to an Any-typed field
    # A file that extends a base may leave the required fields to the base.
    required = schema.pop("required")
    schema["if"] = {"required": ["extends"]}
    schema["else"] = {"required": required}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "bizcase scenario, format version 1",
        **{key: value for key, value in schema.items() if key != "title"},
    }
