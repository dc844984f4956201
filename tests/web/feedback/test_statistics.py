"""Their voice on the map: per-step figures on hand-checked data, suppressed below the threshold
(the installation's, or a link's higher one), from a fixed number of queries; the written
answers newest first, searchable, with their sentiment beside the citizen's own rating."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import selectors, services
from journeymap.web.feedback.actors import FeedbackLinkActor
from journeymap.web.feedback.models import FeedbackResponse

pytestmark = pytest.mark.django_db


def respond(link, steps, *, ratings: dict[int, int], texts: dict[int, dict] | None = None,
            received_at=None, **overall):
    """One response through the service; `ratings` and `texts` by step position (0-based)."""
    answers = {"steps": {}, **overall}
    for position, step in enumerate(steps):
        fields = {**(texts or {}).get(position, {})}
        if position in ratings:
            fields["rating"] = ratings[position]
        if fields:
            answers["steps"][str(step.pk)] = fields
    response, _ = services.feedback_submit(actor=FeedbackLinkActor(link), context=NO_CLIENT,
                                           link=link, submission_id=uuid.uuid4(),
                                           answers=answers)
    if received_at is not None:
        FeedbackResponse.objects.filter(pk=response.pk).update(received_at=received_at)
    return response


@pytest.fixture
def rated(made):
    """Step 1 rated 1, 4, 4, 5, 5 (five people); step 2 rated 3, 3 (two); step 3 by nobody."""
    steps = list(made["as_is"].steps.order_by("position"))
    for first, second in [(1, 3), (4, 3), (4, None), (5, None), (5, None)]:
        respond(made["feedback_link"], steps,
                ratings={0: first, **({1: second} if second else {})})
    return {**made, "steps": steps}


def map_url(made, name="journeys:map"):
    return reverse(name, kwargs={"organisation_slug": "edinburgh",
                                 "journey_id": made["journey"].pk, "map_id": made["as_is"].pk})


def test_hand_checked_figures_and_suppression(rated):
    figures = selectors.step_feedback(journey_map=rated["as_is"])
    first, second, third = figures
    assert (first.summary.n, first.summary.median, first.summary.mean) == (5, 4.0, 3.8)
    assert first.summary.standard_deviation == pytest.approx(2.7 ** 0.5)
    assert (second.summary, second.rated, second.threshold) == (None, True, 5)
    assert (third.summary, third.rated) == (None, False)


def test_a_links_higher_threshold_holds_for_the_whole_map(rated, settings):
    link = rated["feedback_link"]
    link.suppress_below = 6
    link.save()
    assert selectors.step_feedback(journey_map=rated["as_is"])[0].summary is None
    link.suppress_below = None
    link.save()
    settings.FEEDBACK_SUPPRESS_BELOW = 2
    assert selectors.step_feedback(journey_map=rated["as_is"])[1].summary.n == 2


def test_the_map_page_shows_the_figures_and_says_what_is_hidden(client, charlie, rated):
    client.force_login(charlie)
    text = client.get(map_url(rated)).content.decode()
    assert "What citizens said" in text
    assert "5 responses through this map’s feedback links" in text
    assert "Figures are shown only for steps that at least 5 people rated." in text
    figures = text.split('class="govuk-table jm-feedback-figures"')[1].split("</table>")[0]
    row = figures.split("1. Step 1</th>")[1].split("</tr>")[0]
    assert [cell.rsplit(">", 1)[-1] for cell in row.split("</td>")[:4]] == [
        "5", "4.0", "3.80", "1.64"]
    assert "Hidden: fewer than 5 people rated this step" in text
    assert "Nobody has rated this step yet" in text
    assert "Feedback links and QR codes" not in text  # a viewer cannot open links


def test_a_handful_of_responses_is_not_counted_exactly_on_the_map_page(client, erin, made):
    steps = list(made["as_is"].steps.order_by("position"))
    respond(made["feedback_link"], steps, ratings={0: 2})
    client.force_login(erin)
    text = client.get(map_url(made)).content.decode()
    assert "fewer than 5 responses" in text
    assert "Feedback links and QR codes" in text


def test_the_figures_cost_the_same_number_of_queries_at_any_number_of_responses(made):
    steps = list(made["as_is"].steps.order_by("position"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.map_summary(journey_map=made["as_is"])
        return len(captured)

    for rating in (1, 2, 3, 4, 5, 5):
        respond(made["feedback_link"], steps, ratings={0: rating, 1: rating, 2: rating})
    few = queries()
    for _ in range(4):
        for rating in (1, 2, 3, 4, 5, 5, 4, 4, 3, 1):
            respond(made["feedback_link"], steps, ratings={0: rating, 1: rating, 2: rating})
    assert queries() == few


def test_written_answers_newest_first_searchable_with_sentiment_beside_the_rating(
        client, charlie, made):
    steps = list(made["as_is"].steps.order_by("position"))
    now = timezone.now()
    respond(made["feedback_link"], steps, ratings={0: 1},
            texts={0: {"what_happened": "Nobody answered the phone, awful",
                       "something_else": "I had to visit the office"}},
            received_at=now - datetime.timedelta(days=2))
    respond(made["feedback_link"], steps, ratings={0: 5},
            texts={0: {"what_happened": "The staff were kind and helpful"},
                   1: {"how_they_felt": "<b>relieved</b>"}},
            received_at=now - datetime.timedelta(days=1), anything_else="Keep it up")
    client.force_login(charlie)
    url = map_url(made, "feedback:map_feedback")
    text = client.get(url).content.decode()
    assert text.index("kind and helpful") < text.index("Nobody answered")
    assert "&lt;b&gt;relieved&lt;/b&gt;" in text and "<b>relieved" not in text
    kind_row = text.split("The staff were kind and helpful")[1].split("</tr>")[0]
    assert "Very happy (5)" in kind_row
    assert float(kind_row.split("</td>")[-2].rsplit(">", 1)[-1]) > 0
    awful_row = text.split("Nobody answered the phone, awful")[1].split("</tr>")[0]
    assert "Very unhappy (1)" in awful_row
    assert float(awful_row.split("</td>")[-2].rsplit(">", 1)[-1]) < 0
    assert "After “Step 1”" in text and "I had to visit the office" in text
    assert "Keep it up" in text

    found = client.get(url, {"q": "PHONE"}).content.decode()
    assert "Nobody answered" in found and "kind and helpful" not in found
    assert "1 answer about" not in found and "1 answer containing “PHONE”" in found
    by_step = client.get(url, {"step": steps[1].pk}).content.decode()
    assert "relieved" in by_step and "Nobody answered" not in by_step
