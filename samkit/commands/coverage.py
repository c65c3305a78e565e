from __future__ import annotations

from samkit.commands._options import ConfigOpt, FormatOpt, PathsArg, PlanStream, TableFormat, TodayOpt, show_report


def command(
    paths: PathsArg = None,
    output_format: FormatOpt = TableFormat.table,
    config: ConfigOpt = None,
    today: TodayOpt = None,
) -> None:
    """Multi-threading coverage per plan: stakeholders, relationships, departments × levels, gaps, next steps.

    Departed stakeholders (status: left) are never counted.

    The stakeholder target is the tier's min_stakeholders (strategic 8); --today dates the stale contacts and
    the C-level contact window (the tier's review_interval_days up to today). A contact is stale after the
    stakeholder's cadence, as lint's SAM101 judges it: their cadence_days, else [lint.cadence] for their role,
    else the tier's stale_contact_days. Executive alignment: some active economic buyer is covered_by someone
    other than account.manager.

    Churned plans (account.status: churned) are history and left out; a note on stderr names them.

    Exit 1 if a plan does not load (the others are still shown).
    """
    from samkit.analysis.coverage import coverage_report
    from samkit.analysis.engagement import PlanCadence
    from samkit.analysis.program import Program
    from samkit.config import load_config
    from samkit.dates import resolve_today
    from samkit.output.coverage_out import coverage_json_chunks, coverage_markdown, print_coverage

    settings = load_config(config)
    day = resolve_today(today)
    plans = PlanStream(paths, progress=output_format is not TableFormat.json)
    program = Program(settings, day)  # the tier, its limits and the churned plans: the program view's
    reports = []
    for path, plan, standing in program.read(plans.valid()):  # each plan reduced to its report as it loads
        cadence = PlanCadence(settings.lint, standing.tier, standing.limits)  # SAM101's: [lint.cadence], the tier
        reports.append(coverage_report(path, plan, standing.limits, day, cadence=cadence))
    rank = program.rank()
    reports.sort(key=lambda report: rank[report.path])
    invalid = plans.report_failed()
    show_report(
        output_format,
        lambda: coverage_json_chunks(reports),
        lambda: coverage_markdown(reports),
        lambda: print_coverage(reports),
    )
    plans.finish(invalid, program.churned_note())
