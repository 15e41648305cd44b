"""A sweep's combinations applied to the validated scenario, validating only what changed.

Where every `--set` names an amount or timing field of an item (`savings[0].annual`,
`one_off_costs["ICT"].phasing["2017/18"]`, `risks[0].probability`), a combination changes
only those items: each is validated alone, once per distinct value (its own model's rules,
which are the file's), then put into the validated scenario in place of the old one, and
the whole-scenario rules are checked on the result. Anything that fails goes back to the
document path (`validate_with`), so a bad value is reported exactly as before, with the
same messages and positions. Other fields (years, shares, prices, partners, funding...)
change the plan's structure and take the document path for every combination.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from bizcase.io.loader import LoadedScenario, checked
from bizcase.io.sweep import Setting, validate_with
from bizcase.io.yamlfile import Document
from bizcase.model.scenario import Item, OneOffCost, Risk, Stream
from bizcase.problems import InputError
from bizcase.records import frozen
from bizcase.results.sweep import Value

ITEM_MODELS: dict[str, type[Stream] | type[OneOffCost] | type[Risk]] = {
    "savings": Stream,
    "income": Stream,
    "costs": Stream,
    "one_off_costs": OneOffCost,
    "risks": Risk,
}
"""The item sections of a file and the model of their items."""

AMOUNT_FIELDS = frozenset(
    {"annual", "amount", "impact", "probability", "confidence", "ramp", "from", "until"}
    | {"year", "phasing"}
)
"""Fields that change only their item's amounts by year: not its share, slips, price index,
uplift, cashable part or funding, which reach other parts of the plan."""

ItemKey = tuple[str, int]
"""An item by its section and position in the file."""


@frozen
class Edit:
    """One combination applied: the scenario with it (and its warnings) and the items it
    replaced; `items` is None where the combination went the document way."""

    loaded: LoadedScenario
    items: tuple[tuple[str, int, Item], ...] | None


def edited_item(setting: Setting) -> ItemKey | None:
    """The item a `--set` changes only the amounts of, or None."""
    target = setting.target
    if len(target) < 3 or target[0] not in ITEM_MODELS or not isinstance(target[1], int):
        return None
    return (target[0], target[1]) if target[2] in AMOUNT_FIELDS else None


class Editor:
    """Applies combinations of values to the validated scenario (see the module)."""

    def __init__(
        self, base: LoadedScenario, document: Document, file: str, settings: Sequence[Setting]
    ) -> None:
        self.base, self.document, self.file = base, document, file
        self.settings = tuple(settings)
        keys = [edited_item(s) for s in settings]
        assert all(key is not None for key in keys), "only for settings of item amounts"
        self.keys: tuple[ItemKey, ...] = tuple(k for k in keys if k is not None)
        self.items: tuple[ItemKey, ...] = tuple(dict.fromkeys(self.keys))
        self._validated: dict[tuple[ItemKey, tuple[tuple[int, str, Any], ...]], Item | None] = {}

    @staticmethod
    def applies(settings: Sequence[Setting]) -> bool:
        return all(edited_item(s) is not None for s in settings)

    def apply(self, pairs: Sequence[tuple[Setting, Value]]) -> Edit:
        """The scenario with `pairs` (some or all of the settings) written in; an invalid
        combination raises the document path's `InputError`."""
        scenario = self.base.scenario
        replaced: list[tuple[str, int, Item]] = []
        updates: dict[str, list[Item]] = {}
        for key in self.items:
            written = tuple(
                (self.settings.index(s), v.data) for s, v in pairs if self._key(s) == key
            )
            if not written:
                continue
            item = self._item(key, written)
            if item is None:
                return self._document_way(pairs)
            section, position = key
            updates.setdefault(section, list(getattr(scenario, section)))[position] = item
            replaced.append((section, position, item))
        edited = scenario.model_copy(update={k: tuple(v) for k, v in updates.items()})
        try:
            loaded = checked(edited, self.document, self.file)
        except InputError:
            return self._document_way(pairs)
        return Edit(loaded, tuple(replaced))

    def _key(self, setting: Setting) -> ItemKey:
        return self.keys[self.settings.index(setting)]

    def _item(self, key: ItemKey, written: tuple[tuple[int, Any], ...]) -> Item | None:
        """The item with the values written in, validated by its own model; None if that
        fails. Once per item and distinct values."""
        cache_key = (key, tuple((i, type(data).__name__, data) for i, data in written))
        if cache_key in self._validated:
            return self._validated[cache_key]
        section, position = key
        data = copy.deepcopy(self.document.data[section][position])
        for index, value in written:
            node = data
            target = self.settings[index].target
            for part in target[2:-1]:
                node = node[part]
            node[target[-1]] = copy.deepcopy(value)
        model: type[BaseModel] = ITEM_MODELS[section]
        try:
            item: Item | None = model.model_validate(data)  # type: ignore[assignment]
        except ValidationError:
            item = None
        self._validated[cache_key] = item
        return item

    def _document_way(self, pairs: Sequence[tuple[Setting, Value]]) -> Edit:
        """What the document path makes of a combination this path could not take: its
        error, or (should it be valid after all) the scenario it validates to."""
        return Edit(validate_with(self.document, self.file, self.settings, pairs), None)
