"""Report sections: built once from the typed result, suppression visible, contacts honest."""

from __future__ import annotations

from tests.core.analytics.sample_results import sample_result, sample_without_contacts

from journeymap.core.analytics import CONTACTS_NEEDED, render_html, report_sections, suppress
from journeymap.core.analytics.report_layout import NOT_SHOWN


def _labels(report):
    return [tile.label for tile in report.tiles]


def _section(report, heading):
    return next(section for section in report.sections if section.heading == heading)


def test_contact_tiles_only_when_contacts_are_known():
    known = report_sections(sample_result())
    assert "citizen contacts" in _labels(known) and "avoidable contact" in _labels(known)
    unknown = report_sections(sample_without_contacts())
    assert not {"citizen contacts", "contacts per case", "avoidable contact"} & set(
        _labels(unknown)
    )
    assert _section(unknown, "Citizen contacts").paragraphs == (CONTACTS_NEEDED,)
    assert "Avoidable contact (NI14)" not in [s.heading for s in unknown.sections]
    assert CONTACTS_NEEDED in render_html(unknown)


def test_events_per_case_is_its_own_tile():
    tile = next(t for t in report_sections(sample_without_contacts()).tiles
                if t.label == "events per case")
    assert tile.figure == "6.0"


def test_handoff_section_lists_pairs_and_rework():
    section = _section(report_sections(sample_result()), "Hand-offs")
    pairs, rework = section.tables
    assert pairs.rows[0] == ("Benefits", "Housing", "20", "15", "1.0 days")
    assert rework.rows[0][:3] == ("Benefits", "Housing", "Scan evidence")
    assert section.paragraphs == ("31 hand-offs from one service to another, in 22 cases.",)


def test_suppressed_figures_read_not_shown_and_rare_rows_are_pooled():
    report = report_sections(suppress(sample_result(), threshold=5))
    pairs = _section(report, "Hand-offs").tables[0]
    assert [row[:2] for row in pairs.rows[:2]] == [("Benefits", "Housing"), ("Housing", "Benefits")]
    assert pairs.rows[-1][0].startswith("Other hand-offs (2,")
    assert pairs.rows[-1][3] == NOT_SHOWN
    variants = _section(report, "Variants").tables[0]
    assert variants.rows[-1][:2] == ("Other variants (3, each taken by too few to list)", "6")
    chart = _section(report, "Time and effort per case").charts[0]
    assert chart.bars[0].text == NOT_SHOWN and chart.bars[0].length == 0
    assert "under 1 hour: not shown cases" in chart.text_alternative
    assert "fewer than 5 cases" in report.footnote


def test_exact_report_says_it_is_exact():
    report = report_sections(sample_result())
    assert "exact" in report.footnote
    assert all(NOT_SHOWN not in cell for section in report.sections for table in section.tables
               for row in table.rows for cell in row)
