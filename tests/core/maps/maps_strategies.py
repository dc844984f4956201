"""Hypothesis strategies for any valid map, leaning on the text that breaks naive code."""

from __future__ import annotations

from hypothesis import strategies as st

from journeymap.core.maps.schema import (
    BUILT_IN_LANES,
    Avoidable,
    Channel,
    CustomLane,
    Journey,
    JourneyMap,
    LaneKind,
    Level,
    MapDocument,
    MapKind,
    Persona,
    Provenance,
    Stage,
    Step,
    Touchpoint,
)

NASTY = [
    "<script>alert(1)</script>",
    "]]><!ENTITY x SYSTEM 'file:///etc/passwd'>",
    "&amp; &lt; &#x3C; &unknown;",
    '<image href="http://example.com/x.png"/>',
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "مرحبا بالعالم",
    "שלום עולם",
    "你好，世界",
    "नमस्ते दुनिया",
    "emoji 😀👩🏽‍💻",
    "  leading and trailing  ",
    "x" * 12_000,
    "ب" * 10_500,
]

# Any character XML 1.0 can carry (no surrogates, no C0 controls but tab, LF, CR, no NUL).
_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
    + "\ufffe\uffff",
)
text = st.one_of(st.text(_CHARS, max_size=40), st.sampled_from(NASTY))
required_text = text.filter(lambda value: value.strip() != "")
list_item = st.one_of(
    st.text(_CHARS, min_size=1, max_size=30),
    st.sampled_from([t for t in NASTY if len(t) < 200]),
).map(lambda value: value.replace("\n", " ").replace("\r", " ")).filter(
    lambda value: value.strip() != ""
)
step_id = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
dates = st.one_of(st.none(), st.dates())


@st.composite
def steps(draw: st.DrawFn) -> list[Step]:
    ids = draw(st.lists(step_id, max_size=5, unique=True))
    return [
        Step(
            id=step_identity,
            name=draw(required_text),
            customer_does=draw(text),
            thoughts_feelings=draw(text),
            emotion=draw(st.one_of(st.none(), st.integers(-2, 2))),
            touchpoints=draw(st.lists(st.builds(
                Touchpoint, channel=st.sampled_from(Channel), description=text,
                moment_of_truth=st.booleans()), max_size=4)),
            avoidable=draw(st.one_of(st.none(), st.sampled_from(Avoidable))),
            avoidable_why=draw(text),
            pain_points=draw(st.lists(list_item, max_size=3)),
            customer_suggestions=draw(st.lists(list_item, max_size=3)),
            improvement_ideas=draw(st.lists(list_item, max_size=3)),
            owner=draw(text),
            responsible=draw(text),
            importance=draw(st.one_of(st.none(), st.sampled_from(Level))),
            impact=draw(st.one_of(st.none(), st.sampled_from(Level))),
            time_taken_minutes=draw(st.one_of(st.none(), st.floats(
                min_value=0, max_value=5_000_000, allow_nan=False, allow_infinity=False))),
            contacts=draw(st.one_of(st.none(), st.integers(0, 10_000))),
            provenance=draw(st.sampled_from(Provenance)),
            replaces=draw(st.lists(step_id, max_size=3)),
        )
        for step_identity in ids
    ]


@st.composite
def documents(draw: st.DrawFn) -> MapDocument:
    journey = Journey(
        service=draw(required_text), title=draw(required_text), segment=draw(text),
        trigger=draw(text), outcome=draw(text),
        organisations=draw(st.lists(list_item, max_size=3)),
        departments=draw(st.lists(list_item, max_size=3)), description=draw(text),
    )
    journey_map = JourneyMap(
        title=draw(required_text), kind=draw(st.sampled_from(MapKind)), mapped_on=draw(dates),
        made_by=draw(text), owner=draw(text), review_by=draw(dates),
        based_on=draw(st.one_of(st.none(), required_text)), notes=draw(text),
        steps=draw(steps()),
    )
    return MapDocument(journey=journey, map=journey_map)


@st.composite
def personas(draw: st.DrawFn) -> Persona:
    return Persona(name=draw(required_text), description=draw(text),
                   needs=draw(st.lists(list_item, max_size=3)),
                   goals=draw(st.lists(list_item, max_size=3)),
                   frustrations=draw(st.lists(list_item, max_size=3)),
                   segment_ref=draw(st.one_of(st.just(""), step_id)))


lane_ids = st.from_regex(r"lane-[a-z0-9]{1,8}", fullmatch=True)
finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def documents_v2(draw: st.DrawFn) -> MapDocument:
    """Any valid version 2 map: stages over consecutive steps, a persona, every kind of lane."""
    doc = draw(documents())
    steps = doc.map.steps
    stage_count = draw(st.integers(0, len(steps) + 1))
    stages = [Stage(id=f"stage-{i}", name=draw(required_text), description=draw(text))
              for i in range(stage_count)]
    # Each step is in the same stage as the step before it, the next stage, or (before any
    # stage begins) none; stages are listed in order, and a stage may have no steps yet.
    position = -1
    for step in steps:
        if stage_count and draw(st.booleans()):
            position = min(position + draw(st.integers(1, 2)), stage_count - 1)
        step.stage = stages[position].id if position >= 0 else None
        step.frontstage, step.backstage, step.support = draw(text), draw(text), draw(text)
    lanes = [CustomLane(id=lane_id, name=draw(required_text), kind=draw(st.sampled_from(LaneKind)),
                        unit=draw(text))
             for lane_id in draw(st.lists(lane_ids, max_size=3, unique=True))]
    for step in steps:
        for lane in lanes:
            if draw(st.booleans()):
                step.lanes[lane.id] = draw(finite if lane.kind is LaneKind.NUMBER else text)
    keys = [*BUILT_IN_LANES, *(lane.id for lane in lanes)]
    journey_map = doc.map.model_copy(update={
        "persona": draw(st.one_of(st.none(), personas())), "stages": stages, "lanes": lanes,
        "hidden_lanes": draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)),
        "steps": steps})
    return MapDocument.model_validate({**doc.model_dump(), "map": journey_map.model_dump()})
