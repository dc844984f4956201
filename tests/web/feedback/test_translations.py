"""The form in Welsh: the product's words from the catalogue, the organisation's from the map's
translation (falling back per field to the original, marked as English), offered only where the
map has a translation, kept across the pages; editors translate a map's words, audited, refused
by step when a step has no name, and only in their own organisation."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import journeymap.web
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.feedback import services
from journeymap.web.feedback.models import FeedbackResponse, MapTranslation, StepTranslation
from journeymap.web.feedback.services import StepWords
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import Step
from tests.web.feedback.walk import form_url, post_page, state_of
from tests.web.journeys.builders import actor_of

pytestmark = pytest.mark.django_db
CATALOGUE = Path(journeymap.web.__file__).parent / "locale" / "cy" / "LC_MESSAGES"


def steps_of(journey_map) -> list[Step]:
    return list(journey_map.steps.order_by("position"))


def welsh(made, *, title="Ymuno â’r cynllun pensiwn", described=True) -> MapTranslation:
    """Made's map in Welsh: every step named; each step's description only if `described`."""
    return services.map_translation_save(
        actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], language="cy",
        journey_title=title,
        steps={step.pk: StepWords(f"Cam {step.position + 1} yn Gymraeg",
                                  "Ffonio’r swyddfa" if described else "")
               for step in steps_of(made["as_is"])})


def translation_url(journey_map, language="cy") -> str:
    return reverse("feedback:translation", kwargs={
        "organisation_slug": journey_map.organisation.slug, "journey_id": journey_map.journey_id,
        "map_id": journey_map.pk, "language": language})


def test_without_a_translation_the_form_is_english_only_whatever_is_asked(client, made):
    text = client.get(form_url(made["feedback_token"]) + "?lang=cy").content.decode()
    assert '<html lang="en-GB"' in text
    assert "Tell us about your journey" in text
    assert "Cymraeg" not in text  # no chooser: the link has one language


def test_a_citizen_chooses_welsh_and_every_page_stays_in_welsh(client, made):
    welsh(made)
    token = made["feedback_token"]
    start = client.get(form_url(token))
    assert 'href="?lang=cy" hreflang="cy" lang="cy">Cymraeg</a>' in start.content.decode()
    response = client.get(form_url(token) + "?lang=cy")
    text = response.content.decode()
    assert response["Content-Language"] == "cy"
    assert '<html lang="cy"' in text
    assert "Dywedwch wrthym am eich taith" in text
    assert "Hoffem glywed sut aeth “Ymuno â’r cynllun pensiwn” i chi" in text
    assert 'href="?lang=en-gb" hreflang="en-gb" lang="en-gb">English</a>' in text
    assert "Mae 3 cam i ddweud wrthym amdanynt" in text
    response = post_page(client, token, state_of(response))
    text = response.content.decode()
    assert '<html lang="cy"' in text and "Cam 1 o 3" in text
    assert '<h1 class="govuk-heading-l">Cam 1 yn Gymraeg</h1>' in text
    assert "Ffonio’r swyddfa" in text
    for label in ("Anhapus iawn", "Hapus iawn", "Ffôn", "Beth ddigwyddodd?", "Parhau"):
        assert label in text
    response = post_page(client, token, state_of(response), {"what_happened": "x" * 1001})
    assert "Mae problem" in response.content.decode()
    assert "Cadwch hyn i 1000 nod neu lai (mae ganddo 1001)." in response.content.decode()
    for _ in range(3):
        response = post_page(client, token, state_of(response), {"rating": "4"})
    assert "Eich taith gyfan" in response.content.decode()
    response = post_page(client, token, state_of(response), {"overall_rating": "5"})
    assert "Mae eich atebion wedi’u hanfon" in response.content.decode()
    assert FeedbackResponse.objects.get().step_answers.filter(rating=4).count() == 3


def test_a_field_the_translation_lacks_is_shown_in_english_marked_as_english(client, made):
    first = steps_of(made["as_is"])[0]
    first.customer_does = "Phone the pensions office"
    first.save()
    welsh(made, title="", described=False)
    # A step added after the map was translated has no Welsh name at all.
    journey_services.step_add(actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
                              data={"name": "Sign the form"}, position=1)
    token = made["feedback_token"]
    response = client.get(form_url(token) + "?lang=cy")
    assert ('sut aeth “<span lang="en-gb">Joining the pension scheme (edinburgh)</span>”'
            in response.content.decode())
    response = post_page(client, token, state_of(response))
    text = response.content.decode()
    assert '<h1 class="govuk-heading-l">Cam 1 yn Gymraeg</h1>' in text
    assert '<p class="govuk-body"><span lang="en-gb">Phone the pensions office</span></p>' in text
    response = post_page(client, token, state_of(response))
    assert ('<h1 class="govuk-heading-l"><span lang="en-gb">Sign the form</span></h1>'
            in response.content.decode())
    assert "Cam 2 o 4" in response.content.decode()


def test_a_step_without_its_name_is_refused_by_name_and_nothing_is_stored(made):
    first, second, third = steps_of(made["as_is"])
    with pytest.raises(ValidationError) as refused:
        services.map_translation_save(
            actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], language="cy",
            journey_title="", steps={first.pk: StepWords("Cam 1"), second.pk: StepWords("  ")})
    assert refused.value.message_dict == {
        f"step_{second.pk}": ["Step 2, “Step 2”, has no name in Cymraeg."],
        f"step_{third.pk}": ["Step 3, “Step 3”, has no name in Cymraeg."]}
    assert not MapTranslation.objects.exists()
    assert not AuditEvent.objects.filter(object_type="map translation").exists()


def test_a_language_the_product_does_not_speak_is_refused(made):
    with pytest.raises(ValidationError, match="cannot be offered in 'fr'"):
        services.map_translation_save(
            actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], language="fr",
            journey_title="", steps={})


def test_another_organisation_and_a_viewer_cannot_translate(made, bob, stoke, charlie, edinburgh):
    for actor in (actor_of(bob, stoke), actor_of(charlie, edinburgh)):
        with pytest.raises(PermissionDenied):
            welsh({**made, "actor": actor})
    assert not MapTranslation.objects.exists()


def test_an_editor_translates_on_a_page_that_names_the_missing_step(client, erin, made):
    client.force_login(erin)
    first, second, third = steps_of(made["as_is"])
    links = client.get(reverse("feedback:links", kwargs={
        "organisation_slug": "edinburgh", "journey_id": made["journey"].pk,
        "map_id": made["as_is"].pk})).content.decode()
    assert "Not translated: the form is offered in English only" in links
    assert translation_url(made["as_is"]) in links
    words = {f"step_{first.pk}": "Cam un", f"step_{first.pk}_does": "Ffonio",
             f"step_{second.pk}": "Cam dau", "journey_title": "Ymuno"}
    response = client.post(translation_url(made["as_is"]), words)
    text = response.content.decode()
    assert "There is a problem" in text
    assert (f'<a href="#id_step_{third.pk}">Step 3’s name in Cymraeg: Step 3, “Step 3”, has no '
            "name in Cymraeg.</a>") in text
    assert not MapTranslation.objects.exists()
    response = client.post(translation_url(made["as_is"]), {**words,
                                                            f"step_{third.pk}": "Cam tri"})
    assert response.status_code == 302
    saved = MapTranslation.objects.get()
    assert (saved.language, saved.journey_title, saved.updated_by) == ("cy", "Ymuno", erin)
    assert dict(StepTranslation.objects.values_list("step_id", "name")) == {
        first.pk: "Cam un", second.pk: "Cam dau", third.pk: "Cam tri"}
    event = AuditEvent.objects.get(object_type="map translation")
    assert (event.action, event.actor, event.before) == ("create", erin, None)
    assert event.after["steps"][str(first.pk)] == {"name": "Cam un", "customer_does": "Ffonio"}
    # Changing it again shows the saved words, and the audit row keeps what they were.
    assert 'value="Cam dau"' in client.get(translation_url(made["as_is"])).content.decode()
    client.post(translation_url(made["as_is"]), {**words, f"step_{third.pk}": "Y trydydd cam"})
    change = AuditEvent.objects.filter(object_type="map translation").latest("pk")
    assert change.action == "change"
    assert (change.before["steps"][str(third.pk)]["name"],
            change.after["steps"][str(third.pk)]["name"]) == ("Cam tri", "Y trydydd cam")


def test_the_translation_page_is_not_found_for_a_language_the_form_has_not(client, erin, made):
    client.force_login(erin)
    assert client.get(translation_url(made["as_is"], "fr")).status_code == 404


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_committed_welsh_catalogue_is_compiled_from_its_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", compiled, CATALOGUE / "django.po"], check=True)
    assert compiled.read_bytes() == (CATALOGUE / "django.mo").read_bytes()
