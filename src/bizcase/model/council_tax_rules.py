"""Rules on council tax harmonisation: only a successor harmonises, and each of its
predecessors gives its council tax."""

from __future__ import annotations

from collections.abc import Iterator

from bizcase.model.findings import Finding
from bizcase.model.scenario import Scenario
from bizcase.model.structure import succession


def check_council_tax(scenario: Scenario) -> Iterator[Finding]:
    partners = scenario.partners
    harmonising = False
    for index, partner in enumerate(partners):
        if partner.harmonisation is None:
            continue
        harmonising = True
        if partner.succeeds is None or partner.from_ is None:
            yield Finding(
                ("partners", index, "harmonisation"),
                "harmonisation is for a successor council: give it `from` and `succeeds`",
            )
            continue
        ids = [p.id for p in partners]
        missing = [
            pid
            for pid, _ in succession(partner, partners)
            if pid in ids and partners[ids.index(pid)].council_tax is None
        ]
        if missing:
            yield Finding(
                ("partners", index, "harmonisation"),
                f"harmonisation needs each predecessor's council tax: give "
                f"{', '.join(missing)} `council_tax: {{band_d: ..., tax_base: ..., "
                "increase: ...}`",
            )
    if harmonising:
        return
    for index, partner in enumerate(partners):
        if partner.council_tax is not None:
            yield Finding(
                ("partners", index, "council_tax"),
                "council_tax is used only where a successor council harmonises it "
                "(`harmonisation:` on the successor); here it changes no figure",
                "warning",
            )
