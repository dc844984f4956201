"""The demo's segment register and research, written from the Edinburgh guide (seeds).

Every value is the guide's own: its Step 1 table names the pension fund's three scheme-member
segments but fills none of their columns, and its case study 2 describes the "new claims without
support" segment behind the benefits journey and what a sample of eight of them found. Nothing
the guide does not say is filled in: the figures are left not known, so the ranking rests on the
one input the guide supports (that segment's vulnerability, from the case study) and shows the
three scheme-member rows as not ranked; the research's date, method and feelings are left empty.
"""

import datetime

from journeymap.web.accounts.actors import MemberActor
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.evidence import services as evidence_services
from journeymap.web.journeys.models import Journey, JourneyMap, Step
from journeymap.web.segments import services as segment_services
from journeymap.web.segments.models import Segment

BENEFITS_SEGMENT = "New claims without support"
BENEFITS_JOURNEY = "Claiming Housing Benefit and Council Tax Benefit"
BENEFITS_AS_IS = "Claiming benefits – as is"

# The guide's Step 1 table ("Segment Group 1: Scheme Members"), in its order.
GUIDE_SEGMENTS = [
    {"group": "Scheme Members", "name": "New Scheme Members"},
    {"group": "Scheme Members", "name": "Members"},
    {"group": "Scheme Members", "name": "Members approaching retirement"},
    # Case study 2, "the citizen as customer – applying for state benefits".
    {"name": BENEFITS_SEGMENT,
     "current_service": "Council Tax Benefit and Housing Benefit, administered by Edinburgh's "
                        "Finance Department.",
     "needs": "To find out whether they are eligible for benefits, and what benefits there are; "
              "help to submit the application without errors.",
     "characteristics": "They contact the council directly rather than using a support service "
                        "to apply, so they are particularly difficult to engage with (a "
                        "hard-to-reach group). Some have a disability or language barrier that "
                        "had not been identified before.",
     "consultations": "A sample of eight individuals was used to construct a CJM of the "
                      "process, as part of a business process review; it identified where "
                      "errors in the application process can be reduced.",
     "greatest_need_notes": "Those with a disability or language barrier, for whom the "
                            "application was the key journey step.",
     # The case study's own finding (a hard-to-reach group, some with a disability or language
     # barrier not identified before): the one ranking input the guide supports.
     "vulnerability": "high"},
]

RESEARCH = {
    "title": "Benefits claim: a sample of eight new claimants",
    "kind": "recollection",
    "objectives": "Make customer insight integral to the business process review of the "
                  "benefits process: understand the customers' journey, not only the "
                  "office's process.",
    "critical_questions": "How does the customer feel during the end-to-end experience of "
                          "claiming? Where do they struggle, and why?",
    "method": "Customers recalled their journey (the guide does not say whether in "
              "interviews or a group).",
    "participants": 8,
    "sample_make_up": "New claimants who applied directly, without a support service",
    "notes": "From the Smart Cities guide, case study 2.",
}
# (step id on the as-is map, what the guide says was found, channel, pain point, other services)
FINDINGS = [
    ("find-out", "Customers who had not applied for benefits before found it difficult to find "
                 "out whether they were eligible for benefits, and what benefits there were "
                 "available.", "", True, ""),
    ("find-out", "The customers who had previously applied for benefits had heard about the "
                 "benefits through friends and family, not through the council.",
     "third_party", False, ""),
    ("apply", "The key journey step for those with a disability/language barrier was the "
              "application process. They struggled to submit the application, and a number of "
              "errors were made at that stage of the journey.", "", True,
     "Support for people with a disability or language barrier"),
    ("apply", "Reception staff were taking on the role of helping them to complete the form, "
              "but this was not always done correctly.", "face_to_face", True, ""),
    ("query-errors", "Some of these customers have struggled to follow up with queries about "
                     "errors that they feel have occurred in the process.", "", True, ""),
]
#: How long the demo keeps its research records (a demo setting, not a figure from the guide).
DEMO_RETENTION = datetime.timedelta(days=2 * 365)


def demo_segments_and_research_load(*, actor: MemberActor, today: datetime.date) -> None:
    """The guide's segment register, the benefits journey naming its segment, and the case
    study's research with its findings on the benefits as-is map; skipped if the organisation
    already has a register (the demo keeps what people did in it)."""
    if Segment.objects.for_organisation(actor.organisation).exists():
        return
    segments = {data["name"]: segment_services.segment_create(actor=actor, context=NO_CLIENT,
                                                              data=data)
                for data in GUIDE_SEGMENTS}
    journey = Journey.objects.for_organisation(actor.organisation).filter(
        title=BENEFITS_JOURNEY).first()
    as_is = JourneyMap.objects.for_organisation(actor.organisation).filter(
        journey=journey, title=BENEFITS_AS_IS).first()
    if journey is None or as_is is None:
        return
    segment_services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=journey,
                                         segment=segments[BENEFITS_SEGMENT])
    activity = evidence_services.activity_create(
        actor=actor, context=NO_CLIENT, segment=segments[BENEFITS_SEGMENT],
        data={**RESEARCH, "retain_until": today + DEMO_RETENTION})
    steps = {step.key: step for step in Step.objects.filter(journey_map=as_is)}
    for key, note, channel, pain_point, other_services in FINDINGS:
        evidence_services.observation_add(
            actor=actor, context=NO_CLIENT, activity=activity, step=steps[key],
            data={"note": note, "channel": channel, "pain_point": pain_point,
                  "other_services": other_services})
