"""Declarations of the synthetic tables: schema, anchors and the generator of each.

The order of ``SYNTHETIC`` is the order of the tables in ``datapackage.json`` and ``data/README.md``.
"""

from __future__ import annotations

from asm_course.datagen import m01, m02, m03, m04, m05, m06, m07, m08, m09
from asm_course.datagen.schema import REGION, SEX, Resource, count, flag, fld, ident, iso3, number, score, text, year
from asm_course.institutions import DIMENSIONS, STAKEHOLDER_GROUPS, TASKS
from asm_course.mercury import PRACTICES
from asm_course.ohs import BOTH, LISTS

SYNTHETIC = (
    Resource(
        "operations", "Mining operations (synthetic)", "Illustrative mining operations with area, capacity, machinery and location flags; Peru and Colombia include values exactly at legal thresholds.",
        "one mining operation", ("m01", "m08"),
        (
            ident("operation_id", "PER-001"), iso3(), REGION,
            text("mineral", "Main mineral.", enum=m01.MINERALS),
            text("mineral_class", "Metallic or non-metallic.", enum=("metallic", "non_metallic")),
            text("deposit_type", "Hard rock or placer (alluvial).", enum=("hard_rock", "placer")),
            number("area_ha", "Area of claims and concessions (ha).", required=True),
            number("capacity_t_per_day", "Installed capacity (t of ore per day); empty for placer."),
            number("capacity_m3_per_day", "Installed capacity (m3 of material per day); empty for hard rock."),
            count("workers", "People working at the operation.", required=True),
            flag("uses_heavy_machinery", "Uses excavators, dredges or other heavy machinery."),
            flag("open_pit", "Worked from the surface (open pit or placer)."),
            flag("in_protected_area", "Inside a protected area or its buffer zone."),
            flag("in_water_body", "Works in a river bed, lake or other water body."),
            flag("in_reinfo", "Enrolled in Peru's REINFO (Peru only; empty elsewhere).", required=False),
            number("gold_g_per_year", "Gold recovered per year (g); empty for other minerals."),
        ),
        ("operation_id",), "synthetic", ("legal_criteria", "reinfo_regions"), "2018", generate=m01.gen_operations,
    ),
    Resource(
        "operations_raw", "Raw survey export of operations (synthetic, messy)", "A messy export of the operations survey for cleaning exercises: inconsistent spellings, missing codes, thousands separators, decimal commas, outliers and duplicates.",
        "one survey answer (duplicates included)", ("m01", "m03"),
        tuple(
            text(name, desc, required=False)
            for name, desc in (
                ("id", "Operation identifier as typed by the enumerator."),
                ("country", "Country as typed (mixed spellings and codes)."),
                ("region", "Region as typed."), ("mineral", "Mineral as typed."),
                ("area_ha", "Area (ha) as typed: separators, decimal commas, missing codes."),
                ("capacity", "Capacity as typed; unit in capacity_unit."),
                ("capacity_unit", "t/day (hard rock) or m3/day (placer)."),
                ("workers", "Workers as typed; may be negative or absurd."),
                ("heavy_machinery", "Heavy machinery answer in mixed yes/no forms."),
                ("gold_g_per_year", "Gold per year (g) as typed."),
            )
        ),
        (), "synthetic", ("operations",), "2018", raw=True, generate=m01.gen_operations_raw,
    ),
    Resource(
        "registry_records", "REINFO active records (synthetic extract)", "Illustrative record-level extract of Peru's REINFO records in force (active: the permanence conditions are met, i.e. the environmental instrument IGAFOM filed, an active tax registration RUC and the half-yearly production declarations); counts per region equal reinfo_regions.active. The later stages (IGAFOM approved, mining right or contract, formalized) are made up. Days pending depend on the stage awaited and, by construction of this table, on the region (remote regions were given longer waits): a pattern written into the generator, not a finding.",
        "one registry record in force (active)", ("m04",),
        (
            ident("record_id", "R00001"), REGION,
            text("activity", "Extraction or processing.", enum=("extraction", "processing")),
            flag("has_environmental_instrument", "The environmental instrument (IGAFOM) filed to stay in REINFO has been evaluated and approved (first stage after the record is in force)."),
            flag("has_mining_right_or_contract", "Holds a mining right or a contract with the holder (stage 2; implies stage 1)."),
            flag("formalized", "Fully formalized (stage 3; implies stage 2)."),
            year("registered_year", "Year the record was registered", required=True),
            count("days_pending", "Days the current application has been pending on 31 March 2025; empty when formalized."),
        ),
        ("record_id",), "synthetic", ("reinfo_regions", "national_figures"), "2017–2024",
        foreign_keys=((("region",), "reinfo_regions", ("region",)),), generate=m04.gen_registry_records,
    ),
    Resource(
        "formalization_steps", "Steps of a formalization procedure (synthetic)", "Illustrative steps, fees and processing times of formalization, with a one-stop-shop scenario; agencies are generic. Colombia's steps follow one route only (small-scale mining under a formalization subcontract); the steps are simplified and the fees and days made up.",
        "one step of one country's procedure", ("m04",),
        (
            ident("step_id", "PER-1"), iso3(),
            fld("order", "integer", "Position of the step in the procedure.", required=True, minimum=1),
            text("step", "What the miner must do."), text("agency", "Generic office handling the step."),
            number("fee_usd", "Fees and typical costs (USD).", required=True),
            count("processing_days", "Processing time (days).", required=True),
            number("one_stop_shop_fee_usd", "Fee in a one-stop-shop scenario (USD).", required=True),
            count("one_stop_shop_days", "Processing time in a one-stop-shop scenario (days).", required=True),
        ),
        ("step_id",), "synthetic", (), "2018", generate=m04.gen_formalization_steps,
    ),
    Resource(
        "miner_income", "Miner income (synthetic)", "Illustrative monthly income of an artisanal gold miner (grams x price); Honduras uses the 2008 price paid to miners.",
        "one country", ("m04", "m08"),
        (
            iso3(), number("gold_g_per_month", "Gold sold per month (g).", required=True),
            number("price_usd_per_g", "Price received by the miner (USD/g).", required=True),
            number("monthly_income_usd", "gold_g_per_month x price_usd_per_g (USD).", required=True),
            text("basis", "What the price is anchored on."),
        ),
        ("iso3",), "synthetic", ("national_figures", "global_figures"), "2008, 2018", generate=m04.gen_miner_income,
    ),
    Resource(
        "sites_mercury", "ASGM sites by processing practice (synthetic)", "Illustrative ASGM sites with gold output, processing practice and reported mercury use; retort sites report no mercury.",
        "one ASGM site", ("m05",),
        (
            ident("site_id", "HG-BOL-01"), iso3(), REGION,
            text("practice", "Processing practice.", enum=PRACTICES),
            number("gold_kg", "Gold produced in the year (kg).", required=True),
            number("hg_kg_reported", "Mercury lost as reported by the site survey (kg); empty when not reported."),
            year(required=True),
        ),
        ("site_id",), "synthetic", ("mercury", "hg_au_ratios"), "2018",
        foreign_keys=((("practice",), "hg_au_ratios", ("practice",)),), generate=m05.gen_sites_mercury,
    ),
    Resource(
        "workforce_by_role_sex", "Workers by role and sex (synthetic)", "Illustrative site workforce by role and sex with income and permits; women's shares anchored on Colombia, Ecuador, Peru and Bolivia.",
        "one role and sex at one site", ("m07",),
        (
            text("site_id", "Site identifier, e.g. W-COL-01."), iso3(),
            text("role", "Work done.", enum=m07.ROLES), SEX,
            count("workers", "People in this role and sex.", required=True),
            number("median_income_usd_per_month", "Median monthly income (USD); empty when no workers."),
            count("holds_title_or_permit", "Workers holding a title or permit.", required=True),
        ),
        ("site_id", "role", "sex"), "synthetic", ("women_share",), "2018", generate=m07.gen_workforce_by_role_sex,
    ),
    Resource(
        "hours_worked", "Hours worked by site and sex (synthetic)", "Illustrative workers and hours worked per site and sex in 2018, the denominators for incident rates.",
        "one sex at one site", ("m06",),
        (
            text("site_id", "Site identifier, e.g. H-PER-01."), iso3(), SEX,
            count("workers", "Workers.", required=True), count("hours_worked", "Hours worked in 2018.", required=True),
        ),
        ("site_id", "sex"), "synthetic", (), "2018", generate=m06.gen_hours_worked,
    ),
    Resource(
        "incidents", "Incident log (synthetic)", "Illustrative incidents in 2018 as recorded by a health post, a miners' association or both (for under-reporting estimates).",
        "one reported incident", ("m06",),
        (
            ident("incident_id", "I-0001"), text("site_id", "Site identifier (see hours_worked)."),
            fld("date", "date", "Date of the incident.", required=True),
            text("type", "Kind of incident.", enum=m06.TYPES),
            text("severity", "Severity.", enum=tuple(m06.SEVERITY_RATE)), SEX,
            text("reported_to", "Which list recorded it.", enum=(*LISTS, BOTH)),
        ),
        ("incident_id",), "synthetic", (), "2018",
        foreign_keys=((("site_id", "sex"), "hours_worked", ("site_id", "sex")),), generate=m06.gen_incidents,
    ),
    Resource(
        "ohs_tasks", "Tasks, hazards and risk scores (synthetic)", "Illustrative likelihood and severity scores of common ASM tasks, with women's share in each task. The scores are judgement, not measurements, but the severities follow the known pattern: collapses (the leading cause of fatal accidents in ASM according to the ILO), falls in shafts and the misuse of explosives score highest.",
        "one task", ("m06", "m07"),
        (
            ident("task_id", "T01"), text("task", "Task."), text("hazard", "Main hazard."),
            score("likelihood", "Likelihood score (1 rare - 5 almost certain)."),
            score("severity", "Severity score (1 minor - 5 fatal)."),
            fld("women_share_pct", "number", "Share of women among people doing the task (%).", required=True, minimum=0, maximum=100),
        ),
        ("task_id",), "synthetic", (), "2018", generate=m06.gen_ohs_tasks,
    ),
    Resource(
        "gold_chain", "Gold price chain (synthetic)", "Illustrative prices paid at each link of the gold chain: each link pays more than the one before, and the exporter never more than the world price of that year (global_figures gold_price_2008 and gold_price_2018). The Honduran chain starts at the price reported for miners in 2008.",
        "one link of one chain", ("m08",),
        (
            text("chain_id", "Chain identifier: country and year."), iso3(), year(required=True),
            text("link", "Actor paying the price.", enum=m08.LINKS),
            fld("link_order", "integer", "Position along the chain (1 = pit).", required=True, minimum=1, maximum=len(m08.LINKS)),
            number("price_usd_per_g", "Price paid for gold at this link (USD/g).", required=True),
        ),
        ("chain_id", "link"), "synthetic", ("global_figures", "national_figures"), "2008, 2018", generate=m08.gen_gold_chain,
    ),
    Resource(
        "stakeholders", "Stakeholders with influence and interest scores (synthetic)", "Illustrative, generically named stakeholders of ASM policy per country with influence and interest scores for a stakeholder grid.",
        "one stakeholder", ("m02",),
        (
            ident("stakeholder_id", "PER-S01"), iso3(), text("stakeholder", "Generic stakeholder name."),
            text("group", "Stakeholder group.", enum=STAKEHOLDER_GROUPS),
            score("influence", "Influence on ASM policy (1 low - 5 high)."),
            score("interest", "Interest in ASM policy (1 low - 5 high)."),
        ),
        ("stakeholder_id",), "synthetic", (), "2018", generate=m02.gen_stakeholders,
    ),
    Resource(
        "agency_mandates", "Agency mandates as a RACI table (synthetic)", "Illustrative RACI assignments of agencies to ASM tasks (real bodies from authorities where listed, generic bodies otherwise), with deliberate, realistic gaps and overlaps in some countries.",
        "one letter of one agency for one task", ("m02",),
        (
            iso3(), text("task", "Government task.", enum=TASKS),
            text("agency", "Agency: the English name of a body of the authorities table, or a generic name."),
            text("raci", "Responsible, Accountable, Consulted or Informed.", enum=("R", "A", "C", "I")),
        ),
        ("iso3", "task", "agency", "raci"), "synthetic", ("authorities",), "2018", generate=m02.gen_agency_mandates,
    ),
    Resource(
        "population_shares", "Population baseline for consultations (synthetic)", "Illustrative shares of the ASM population by sex, region and role, to judge how representative a consultation is; women's shares anchored on women_share, Peru's regional shares on reinfo_regions (active records); officials are not part of the ASM population.",
        "one group of one dimension", ("m02",),
        (
            iso3(), text("dimension", "Dimension.", enum=DIMENSIONS),
            text("group", "Group within the dimension."),
            fld("share_pct", "number", "Share of the ASM population (%).", required=True, minimum=0, maximum=100),
        ),
        ("iso3", "dimension", "group"), "synthetic", ("women_share", "reinfo_regions"), "2018", generate=m02.gen_population_shares,
    ),
    Resource(
        "consultation_participants", "Consultation participants (synthetic)", "Illustrative participants of a national ASM consultation, by sex, region and role (officials included: they take part but are not in the population baseline).",
        "one participant", ("m02",),
        (
            ident("participant_id", "PER-P01"), iso3(), SEX,
            text("region", "Region (department or province), or 'Rest of the country' (the groups of population_shares)."),
            text("role", "Role in the sector.", enum=tuple(m02.CONSULT_ROLES)),
        ),
        ("participant_id",), "synthetic", ("women_share", "reinfo_regions"), "2018", generate=m02.gen_consultation_participants,
    ),
    Resource(
        "indicators", "Monitoring indicators (synthetic)", "Illustrative monitoring indicators with baselines, targets and latest values, each owned by the kind of body that would collect it; counts of records are whole numbers; some rows deliberately miss fields.",
        "one indicator", ("m05", "m09"),
        (
            ident("indicator_id", "IND-01"), iso3(), text("indicator", "What is measured."),
            text("unit", "Unit.", required=False),
            number("baseline", "Baseline value.", minimum=None), year("baseline_year", "Year of the baseline"),
            number("target", "Target value.", minimum=None), year("target_year", "Year of the target"),
            number("latest", "Latest monitored value.", minimum=None), year("latest_year", "Year of the latest value"),
            text("frequency", "How often it is measured.", required=False, enum=m09.FREQUENCIES),
            text("source", "Where the value comes from.", required=False),
            text("owner", "Agency responsible.", required=False),
        ),
        ("indicator_id",), "synthetic", ("reinfo_regions", "mercury", "women_share", "national_figures"), "2018–2030",
        generate=m09.gen_indicators,
    ),
    Resource(
        "mining_polygons", "Garimpo polygons (synthetic)", "Illustrative mapped garimpo patches in Brazil 2010-2021; growth anchored on MapBiomas national totals.",
        "one mapped mining patch in one year", ("m03", "m05"),
        (
            ident("polygon_id", "BRA-G0001"), iso3(), year(required=True),
            number("area_ha", "Area of the patch (ha).", required=True),
            flag("in_indigenous_land", "Inside an indigenous land."),
            flag("in_protected_area", "Inside a strict protected area."),
        ),
        ("polygon_id",), "synthetic", ("national_figures",), "2010–2021", generate=m03.gen_mining_polygons,
    ),
    Resource(
        "gold_lots", "Gold lots bought by exporters (synthetic)",
        "Illustrative lots of gold bought by exporters in one year, each with its declared origin (an operation of "
        "the operations table) and origin document; a few Colombian origins sell more than they recover in a year, "
        "some barequeo lots exceed the subsistence cap and two lots have no origin document.",
        "one lot bought by an exporter", ("m08",),
        (
            ident("lot_id", "COL-L001"), iso3(), text("exporter", "Generic name of the buying exporter."),
            text("origin_id", "Declared origin: an operation_id of the operations table."),
            text("document", "Origin document presented with the lot.", enum=m08.LOT_DOCUMENTS),
            fld("month", "integer", "Month of purchase (1-12).", required=True, minimum=1, maximum=12),
            count("gold_g", "Gold in the lot (g).", required=True),
        ),
        ("lot_id",), "synthetic", ("operations", "legal_criteria"), "2018",
        foreign_keys=((("origin_id",), "operations", ("operation_id",)),), generate=m08.gen_gold_lots,
    ),
)
