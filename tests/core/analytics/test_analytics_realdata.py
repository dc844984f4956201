"""The shared public logs reproduce their published figures exactly (see ../shared/data/README)."""

from __future__ import annotations

import pytest
from tests.core.analytics.analytics_logs import shared_data

from journeymap.core.analytics import analyse, import_log

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(not shared_data().is_dir(), reason="../shared/data is not present"),
]

PUBLISHED = {
    # file: (cases, events, activities, variants)
    "wabo-receipt-phase.xes.gz": (1434, 8577, 27, 116),
    "bpic2015-municipality-1.xes.gz": (1199, 52217, 398, 1170),
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_xes_logs_match_published_figures(name, key, tmp_path):
    stored = import_log(source=shared_data() / name, key=key, out_dir=tmp_path)
    result = analyse(log=stored)
    figures = (result.cases, result.events, result.activity_count, result.variant_count)
    assert figures == PUBLISHED[name]
    assert sum(row.count for row in result.dfg) == result.events - result.cases
    assert sum(row.cases for row in result.variants) == result.cases


def test_wabo_trace_attributes_become_case_channel_and_department(key, tmp_path):
    stored = import_log(
        source=shared_data() / "wabo-receipt-phase.xes.gz", key=key, out_dir=tmp_path
    )
    assert stored.mapping.channel == "case:channel"
    assert stored.mapping.service == "case:department"
    result = analyse(log=stored)
    channels = {row.value for row in result.channels.mix}
    assert {"Internet", "Desk", "Post", "e-mail"} <= channels
    # a trace attribute is the same on every event of the case: nobody switches channel
    assert result.channels.changes == 0
    assert sum(row.cases for row in result.channels.mix) == result.cases


def test_bpic2016_complaints_csv(key, tmp_path):
    from journeymap.core.analytics import ColumnMapping

    mapping = ColumnMapping(
        case="CustomerID",
        time="ContactDate",
        activity="ComplaintTopic_EN",
        channel="ContactChannelID",
        reason="ComplaintTheme_EN",
    )
    stored = import_log(
        source=shared_data() / "bpic2016-uwv-complaints.csv",
        key=key,
        out_dir=tmp_path,
        mapping=mapping,
        personal_columns=("ComplaintDossierID",),
    )
    assert (stored.events, stored.cases) == (289, 226)
    result = analyse(log=stored)
    assert result.avoidable.method == "reason"
    assert sum(row.events for row in result.channels.mix) == 289
    assert result.avoidable.contacts == 289
