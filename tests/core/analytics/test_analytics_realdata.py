"""The shared public logs reproduce their published figures exactly (see ../shared/data/README)."""

from __future__ import annotations

import pytest
from tests.core.analytics.analytics_logs import KEY, shared_data

from journeymap.core.analytics import CONTACTS_NEEDED, ContactDefinition, analyse, import_log

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(not shared_data().is_dir(), reason="../shared/data is not present"),
]

PUBLISHED = {
    # file: (cases, events, activities, variants)
    "wabo-receipt-phase.xes.gz": (1434, 8577, 27, 116),
    "bpic2015-municipality-1.xes.gz": (1199, 52217, 398, 1170),
}


# BPIC15 takes about ten seconds to import; WABO under one.
XES_LOGS = [
    pytest.param("bpic2015-municipality-1.xes.gz", marks=pytest.mark.slow),
    "wabo-receipt-phase.xes.gz",
]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """Each shared XES log imported and analysed once (by default) for the whole module."""
    done = {}

    def get(name):
        if name not in done:
            stored = import_log(
                source=shared_data() / name, key=KEY, out_dir=tmp_path_factory.mktemp("real")
            )
            done[name] = (stored, analyse(log=stored))
        return done[name]

    return get


@pytest.mark.parametrize("name", XES_LOGS)
def test_xes_logs_match_published_figures(name, analysed):
    _stored, result = analysed(name)
    figures = (result.cases, result.events, result.activity_count, result.variant_count)
    assert figures == PUBLISHED[name]
    assert sum(row.count for row in result.dfg) == result.events - result.cases
    assert sum(row.cases for row in result.variants) == result.cases


@pytest.mark.parametrize("name", XES_LOGS)
def test_logs_that_do_not_say_which_events_are_contacts_get_no_contact_figures(
    name, analysed
):
    """Neither log records citizen contacts per event (WABO's channel is how the application
    arrived, a trace attribute): counting every event made 83-98 % of them "avoidable"."""
    _stored, result = analysed(name)
    assert result.contact_definition is None
    assert result.contacts_needed == CONTACTS_NEEDED
    assert result.contacts is None
    assert result.avoidable is None
    assert result.histograms.contacts_per_case is None
    assert result.events_per_case.max >= result.events_per_case.median >= 1
    data = result.to_dict()
    assert (data["contacts"], data["avoidable"]) == (None, None)


def test_wabo_contacts_when_the_analyst_names_them(analysed):
    stored, _result = analysed("wabo-receipt-phase.xes.gz")
    result = analyse(log=stored, contacts=ContactDefinition.by_channel())
    # asked for explicitly, the case's channel makes every event a contact
    assert result.contacts.events == result.events
    first = result.activities[0].activity
    named = analyse(log=stored, contacts=ContactDefinition.by_activities([first]))
    assert named.contacts.events == result.activities[0].events
    assert named.contacts.cases_with_contacts == result.activities[0].cases


def test_wabo_trace_attributes_become_case_channel_and_department(analysed):
    stored, result = analysed("wabo-receipt-phase.xes.gz")
    assert stored.mapping.channel == "case:channel"
    assert stored.mapping.service == "case:department"
    channels = {row.value for row in result.channels.mix}
    assert {"Internet", "Desk", "Post", "e-mail"} <= channels
    # a trace attribute is the same on every event of the case: nobody switches channel
    assert result.channels.changes == 0
    assert sum(row.cases for row in result.channels.mix) == result.cases
    # the department is the case's too: no hand-off between departments
    assert result.handoffs.service.handoffs == 0
    assert result.handoffs.service.pairs == []


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
    assert result.contact_definition.kind == "channel"
    assert result.avoidable.contacts == 289
    assert result.contacts.events == 289
