"""Declarations of the real tables: transcribed by hand, one ``source`` and ``status`` per row.

Only their schema lives here; their rows are the CSV files in ``data/``, read as anchors.
"""

from __future__ import annotations

from asm_course.datagen.schema import Resource, count, flag, fld, ident, iso3, note, number, source, status, text, year
from asm_course.institutions import LEVELS
from asm_course.mercury import PRACTICES

SCOPES = (
    "all_asm", "gold", "artisanal", "subsistence", "owners_members", "illegal_gold", "informal_illegal",
    "amazon_region", "regional_cooperatives", "registered", "registered_barequeros", "freelance_gold",
    "livelihood", "mineral_specific", "unspecified",
)
MEASURES = (
    "national_output", "asgm_output", "asgm_output_primary", "asgm_output_alluvial", "informal_output",
    "informal_share", "cooperative_output", "cooperative_share", "cooperative_sales", "cooperative_exports",
    "exports", "traded", "traded_from_plg", "traded_irregular", "sector_value", "small_scale_value_share",
)
CRITERIA = (
    "area_ha", "capacity_t_per_day", "capacity_m3_per_day", "production_g_per_year", "production_g_per_month",
    "production_t_per_year", "machinery_allowed", "open_pit_only", "indigenous_land_allowed",
    "permit_term_years", "workers",
)
MINERAL_SCOPES = ("all", "metallic", "non_metallic", "placer", "hard_rock", "gold", "precious_metals", "garimpable")
TOPICS = ("registry", "formalization", "organisations", "revenue", "prices", "land", "sites", "economy", "livelihoods", "licensing")

REAL = (
    Resource(
        "countries", "Workshop countries", "The nine IGF member countries at the Punta Cana workshop (June 2018), with names in English, Spanish and Portuguese.",
        "one country", ("all",),
        (
            fld("iso3", "string", "ISO 3166-1 alpha-3 country code.", required=True, unique=True, pattern="[A-Z]{3}"),
            text("name_en", "Country name in English."), text("name_es", "Country name in Spanish."),
            text("name_pt", "Country name in Portuguese.", required=False),
            flag("workshop_participant", "Sent officials to the IGF Latin America workshop (Punta Cana, 2018)."),
            source(what="the list of workshop countries"),
        ),
        ("iso3",), year="2018",
    ),
    Resource(
        "workforce_estimates", "Published estimates of ASM workers", "Every published estimate of people working in ASM found for the nine countries; ranges kept as published.",
        "one published estimate", ("m00", "m03", "m07"),
        (
            ident("estimate_id", "PER-01"), iso3(),
            text("scope", "What was counted (all ASM, gold only, owners/members only, illegal gold only, ...).", enum=SCOPES),
            count("workers", "Central value (people); empty when only a range is published."),
            count("workers_low", "Low end of the published range (people)."),
            count("workers_high", "High end of the published range (people)."),
            year(what="Year of the estimate or of its source"),
            text("source_label", "Short name of the original estimate, e.g. ILO 1999.", required=False),
            source(), status(), note(),
        ),
        ("estimate_id",),
    ),
    Resource(
        "women_share", "Women in the ASM workforce", "Published shares or counts of women in ASM by country and scope.",
        "one published figure on women's participation", ("m03", "m07"),
        (
            ident("share_id", "COL-subsistence"), iso3(),
            text("scope", "What population the share refers to.", enum=SCOPES),
            fld("women_share_pct", "number", "Women as a percentage of the workers counted.", minimum=0, maximum=100),
            count("women", "Number of women, when published."),
            year(), source(), status(), note(),
        ),
        ("share_id",),
    ),
    Resource(
        "gold_production", "Gold production, exports and shares", "Published national figures on gold output (ASGM, cooperatives, national), exports and shares.",
        "one published gold figure", ("m03", "m05", "m08"),
        (
            ident("figure_id", "COL-2017-EXP"), iso3(), year(),
            text("measure", "What the figure measures.", enum=MEASURES),
            number("gold_t", "Gold in tonnes (central value)."),
            number("gold_t_low", "Low end of a published range (t)."),
            number("gold_t_high", "High end of a published range (t)."),
            fld("share_pct", "number", "Share in percent, for share measures.", minimum=0, maximum=100),
            number("value_usd_m", "Value in million USD, when published."),
            source(), status(), note(),
        ),
        ("figure_id",),
    ),
    Resource(
        "legal_criteria", "Legal definitions of ASM categories", "Thresholds and conditions that define each country's ASM categories, one criterion per row.",
        "one legal criterion of one category", ("m01", "m04", "m08"),
        (
            ident("criterion_id", "PER-PPM-AREA"), iso3(),
            text("category", "Category code, e.g. PPM, PMA, subsistence, PLG_individual."),
            text("category_en", "Category name in English."), text("category_es", "Category name in Spanish."),
            text("criterion", "What is limited; empty when nothing was found.", required=False, enum=CRITERIA),
            text("operator", "Comparison: value of the operation <operator> threshold.", required=False, enum=("<=", "<", ">", ">=", "==")),
            number("value", "Threshold; booleans as 1 (yes) / 0 (no); empty when not found.", minimum=None),
            text("mineral_scope", "Minerals or deposits the criterion applies to.", enum=MINERAL_SCOPES),
            source(), status(), note(),
        ),
        ("criterion_id",), year="rules of 1989–2017, as in force when reported",
    ),
    Resource(
        "royalties", "Royalties on ASM minerals", "Royalty rates and how the revenue is split between levels of government.",
        "one rate or one share of a split", ("m08",),
        (
            ident("royalty_id", "BOL-AU-TOTAL"), iso3(), text("mineral", "Mineral(s) the rate applies to."),
            fld("rate_pct", "number", "Rate in percent of the base.", minimum=0, maximum=100),
            text("base", "What the rate is applied to, e.g. gross_value.", required=False),
            text("level", "Level of government receiving it; total = the whole rate.", enum=("total", "national", "state", "department", "municipality")),
            fld("share_pct", "number", "Share of the royalty going to this level (percent).", minimum=0, maximum=100),
            source(), status(), note(),
        ),
        ("royalty_id",), year="2014–2023",
    ),
    Resource(
        "mercury", "National mercury figures", "Mercury released by ASGM, the gold it produced, and Minamata Convention status, per country.",
        "one country", ("m05",),
        (
            iso3(), year(), number("hg_t_per_year", "Mercury released by ASGM (t per year)."),
            number("gold_t_per_year", "ASGM gold produced (t per year) in the same estimate."),
            text("minamata_status", "Minamata Convention status, when found.", required=False, enum=("ratified",)),
            source(), status(), note(),
        ),
        ("iso3",),
    ),
    Resource(
        "hg_au_ratios", "Mercury lost per gold produced, by practice", "Editable default ratios (kg mercury lost per kg gold) by processing practice; all uncertain except mercury-free.",
        "one processing practice", ("m05",),
        (
            fld("practice", "string", "Processing practice.", required=True, unique=True, enum=PRACTICES),
            number("ratio_low", "Low ratio (kg Hg lost per kg Au)."),
            number("ratio_central", "Central ratio; empty when no value was found (pass it as a parameter)."),
            number("ratio_high", "High ratio (kg Hg lost per kg Au)."),
            status("by_definition"), source(), note(),
        ),
        ("practice",), year="defaults of 2012–2017 guides",
    ),
    Resource(
        "authorities", "Government bodies with an ASM role", "Ministries, agencies and other bodies named with an ASM role in each country.",
        "one body", ("m02",),
        (
            ident("authority_id", "PER-DGFM"), iso3(), text("authority", "Name in the original language."),
            text("authority_en", "Name in English."), text("role", "Role in ASM governance."),
            text("level", "Level of government.", enum=LEVELS),
            source(), status(),
        ),
        ("authority_id",), year="current (2009–2022 sources)",
    ),
    Resource(
        "global_figures", "Global ASM and mercury figures", "Global figures on ASM workers, production, mercury and certification.",
        "one published global figure", ("m03", "m05", "m07", "m08"),
        (
            ident("indicator_id", "asm_workers_delve_2020"), text("indicator", "What is measured."),
            number("value", "Central value; empty when only bounds are published.", minimum=None),
            number("value_low", "Low end or lower bound.", minimum=None),
            number("value_high", "High end or upper bound ('up to').", minimum=None),
            text("unit", "Unit of value, value_low and value_high."), year(), source(), status(), note(),
        ),
        ("indicator_id",),
    ),
    Resource(
        "reinfo_regions", "Peru REINFO records by region", "Active and suspended records of Peru's formalization register (REINFO) for the ten largest regions; the rest is derived.",
        "one region (or all other regions)", ("m04",),
        (
            fld("region", "string", "Peruvian region.", required=True, unique=True),
            count("active", "Active ('vigente') records.", required=True),
            count("suspended", "Suspended records.", required=True),
            source(what="the active records by region"),
            source("source_suspended", "the suspended records by region"),
            status("derived"), note(),
        ),
        ("region",), year="~2024–2025",
    ),
    Resource(
        "national_figures", "Other national figures", "Published national figures used by the modules: registers, organisations, prices, revenue, land and sites.",
        "one published national figure", ("m03", "m04", "m08"),
        (
            ident("figure_id", "PER-REINFO-2025-ACTIVE"), iso3(),
            text("topic", "Topic of the figure.", enum=TOPICS), text("indicator", "What is measured."),
            number("value", "Central value; empty when only a bound is published.", minimum=None),
            number("value_low", "Low end or lower bound ('more than').", minimum=None),
            number("value_high", "High end or upper bound.", minimum=None),
            text("unit", "Unit of the values.", required=False), year(), source(), status(), note(),
        ),
        ("figure_id",),
    ),
)
