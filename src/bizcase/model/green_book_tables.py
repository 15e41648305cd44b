"""HM Treasury Green Book constants that bizcase uses, with where each comes from, so that a
reviewer can check every figure against the published tables. Shown by
`bizcase green-book`.

Kept as Python literals (not a TOML or JSON file) because every run that discounts needs
them: Python loads this module from its compiled cache, where parsing a TOML file cost more
than a tenth of `bizcase compare`'s own start-up.
"""

DISCOUNT_SOURCE = (
    "HM Treasury, The Green Book: appraisal and evaluation in central government "
    "(2022 edition), Annex A6, Table 8: long-term discount rates"
)
DISCOUNT_CHECKED = (
    "Standard rates and bands against the Treasury's table as reproduced in public sources; "
    "health and reduced rates against the charlescoverdale/greenbook data tables "
    "(stpr_schedule.csv). Re-check against each new edition."
)
BAND_ENDS = (30, 75, 125, 200, 300)
"""Last year of each band (years counted from 0, the first year, which is not discounted);
the final rate applies to every later year."""

DISCOUNT_SCHEDULES: dict[str, tuple[tuple[float, ...], str]] = {
    # name: (per cent in each band, then every later year; what it is for)
    "green_book": (
        (3.5, 3.0, 2.5, 2.0, 1.5, 1.0),
        "the standard social time preference rate (STPR)",
    ),
    "green_book_health": (
        (1.5, 1.29, 1.07, 0.86, 0.64, 0.43),
        "health effects: the STPR without the wealth effect",
    ),
    "green_book_lower": (
        (3.0, 2.57, 2.14, 1.71, 1.29, 0.86),
        "the reduced rate, used as the lower-rate test for horizons over 50 years",
    ),
}

OPTIMISM_BIAS_SOURCE = (
    "HM Treasury, Supplementary Green Book Guidance: Optimism Bias (2003), Table 2: "
    "recommended adjustment ranges"
)
OPTIMISM_BIAS_CHECKED = (
    "Upper capital-expenditure bounds against the charlescoverdale/greenbook data tables "
    "(optimism_bias.csv); lower bounds and works-duration bounds from Table 2."
)

OPTIMISM_BIAS: dict[str, tuple[tuple[float, float], tuple[float, float] | None, str]] = {
    # name: (capital expenditure upper and lower bound, per cent (for outsourcing, of
    # operating expenditure); works duration upper and lower bound, per cent (none given
    # for outsourcing); what the uplift applies to)
    "standard_buildings": ((24, 2), (4, 1), "one_off_costs"),
    "non_standard_buildings": ((51, 4), (39, 2), "one_off_costs"),
    "standard_civil_engineering": ((44, 3), (20, 1), "one_off_costs"),
    "non_standard_civil_engineering": ((66, 6), (25, 3), "one_off_costs"),
    "equipment_development": ((200, 10), (54, 10), "one_off_costs"),
    "outsourcing": ((41, 0), None, "costs"),
}
