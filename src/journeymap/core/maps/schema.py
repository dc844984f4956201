"""The journey map schema: the one interchange format that `web`, the CLI and files share.

Every way in (JSON, Excel, the web editor) validates through these models, so a map that passes
here can be stored, rendered and written to every file format and read back unchanged. That is
why some rules live here rather than in a file format: text must be something XML 1.0 (and so
SVG and .xlsx) can carry, and no cell of the Excel layout may pass Excel's 32,767-character limit.

Version 2 adds what service designers expect beside Edinburgh's rows: stages (named phases of
consecutive steps), a persona, the service blueprint's lanes (frontstage, backstage, support),
custom lanes the map's editors define, and which lanes a picture shows by default. Version 1
files read unchanged (`migrations.py`): every version 2 addition has an empty default.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)

SCHEMA_NAME = "journeymap.map"
SCHEMA_VERSION = 2
#: The published JSON Schema; regenerate with `SCHEMA_PATH.write_text(json_schema_text())`.
SCHEMA_PATH = Path(__file__).with_name(f"map-v{SCHEMA_VERSION}.schema.json")

#: Excel's limit on the characters in one cell; every text field (and every list, joined one
#: item per line as the Excel layout writes it) must fit, so every valid map round-trips.
MAX_TEXT_LENGTH = 32_767

# Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF). SVG and .xlsx are XML, so such text could never be rendered or saved.
#: Ten years of minutes: more than any step takes, small enough for Excel to hold exactly.
MAX_MINUTES = 10 * 366 * 24 * 60

_XML_ILLEGAL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_STEP_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: The lanes every map has, in drawing order, by the key `hidden_lanes` and `lanes=` use. The
#: step names are not a lane: a map without them cannot be read, so they are always shown.
BUILT_IN_LANES = {
    "actions": "Actions: what the customer does",
    "thoughts": "Thoughts and feelings",
    "heartbeat": "Customer experience (heartbeat chart)",
    "touchpoints": "Touchpoints and channels",
    "moments": "Moments of truth",
    "frontstage": "Frontstage: what staff do",
    "backstage": "Backstage: what happens out of sight",
    "support": "Support systems and policies",
    "avoidable": "Could this step have been avoided?",
    "importance": "Importance and impact",
    "pain": "Pain points",
    "suggestions": "Customer suggestions",
    "learning": "Learning and improvements",
    "owner": "Owner and who is responsible",
    "time": "Time and contacts",
    "provenance": "Provenance",
}
#: The step fields version 2 added, for storage that does not hold them yet to leave out.
STEP_FIELDS_ADDED_IN_V2 = ("stage", "frontstage", "backstage", "support", "lanes")
#: The service blueprint's lanes: shown by default only on maps where some step fills them.
BLUEPRINT_LANES = ("frontstage", "backstage", "support")


class MapKind(StrEnum):
    """Which version of the journey a map shows (Improvement Service: as-is and to-be maps)."""

    AS_IS = "as_is"
    TO_BE_GOLD = "to_be_gold"
    TO_BE_INTERIM = "to_be_interim"
    REMAP = "remap"

    @property
    def label(self) -> str:
        return MAP_KIND_LABELS[self]


MAP_KIND_LABELS = {
    MapKind.AS_IS: "As is",
    MapKind.TO_BE_GOLD: "To be \u2013 gold standard",
    MapKind.TO_BE_INTERIM: "To be \u2013 interim",
    MapKind.REMAP: "Re-map",
}


class Channel(StrEnum):
    """How the customer meets the organisation at a touchpoint."""

    FACE_TO_FACE = "face_to_face"
    TELEPHONE = "telephone"
    WEB = "web"
    EMAIL = "email"
    POST = "post"
    SMS = "sms"
    WEBCHAT = "webchat"
    SOCIAL_MEDIA = "social_media"
    HOME_VISIT = "home_visit"
    THIRD_PARTY = "third_party"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.FACE_TO_FACE: "Face to face",
    Channel.TELEPHONE: "Telephone",
    Channel.WEB: "Web or online form",
    Channel.EMAIL: "Email",
    Channel.POST: "Post or paper",
    Channel.SMS: "SMS",
    Channel.WEBCHAT: "Webchat",
    Channel.SOCIAL_MEDIA: "Social media",
    Channel.HOME_VISIT: "Home visit",
    Channel.THIRD_PARTY: "Third party or intermediary",
}


class Avoidable(StrEnum):
    """Could this step have been avoided (Edinburgh's row), answered honestly."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def label(self) -> str:
        return AVOIDABLE_LABELS[self]


AVOIDABLE_LABELS = {Avoidable.YES: "Yes", Avoidable.PARTLY: "Partly", Avoidable.NO: "No"}


class Level(StrEnum):
    """A three-point scale for importance to the customer and impact on the experience."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.LOW: "Low", Level.MEDIUM: "Medium", Level.HIGH: "High"}


class Provenance(StrEnum):
    """How a step's content is known; a map made of assumptions is the failure the seeds warn of."""

    OBSERVED = "observed"
    REPORTED = "reported"
    DATA = "data"
    INFERRED = "inferred"
    ASSUMED = "assumed"

    @property
    def label(self) -> str:
        return PROVENANCE_LABELS[self]


PROVENANCE_LABELS = {
    Provenance.OBSERVED: "Observed",
    Provenance.REPORTED: "Reported by customers",
    Provenance.DATA: "Supported by data",
    Provenance.INFERRED: "Inferred",
    Provenance.ASSUMED: "Assumed",
}

#: The five-point smiley scale; the text is what screen readers and the table view use.
EMOTION_LABELS = {-2: "Very unhappy", -1: "Unhappy", 0: "Neutral", 1: "Happy", 2: "Very happy"}


def _clean_text(value: Any) -> Any:
    """Drop NUL (an artefact of copy-paste, never meaningful); refuse what XML cannot hold."""
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position {bad.start()}, "
            "which maps, SVG and Excel files cannot hold; remove it"
        )
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(
            f"is {len(value):,} characters long; the limit is {MAX_TEXT_LENGTH:,} "
            "(the most one Excel cell holds)"
        )
    return value


def _single_line(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line (each item is one line in Excel)")
    return value


def _step_id(value: str) -> str:
    if not _STEP_ID.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid step id: use 1 to 64 letters, digits, '-' or '_'"
        )
    return value


def _id(value: str) -> str:
    if not _STEP_ID.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid id: use 1 to 64 letters, digits, '-' or '_'")
    return value


def _without_empty_text(value: Any) -> Any:
    # An empty text is no value: every file format writes it as an empty cell, read back as none.
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if item != ""}
    return value


def _hundredths(value: float) -> float:
    # Minutes to the hundredth are more than any map needs, and fit Excel's 15 digits exactly.
    return round(value, 2)


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Text = Annotated[str, BeforeValidator(_clean_text)]
RequiredText = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_non_blank)]
ListItem = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_single_line)]
StepId = Annotated[str, AfterValidator(_step_id)]
Id = Annotated[str, AfterValidator(_id)]
#: A custom lane's number: to the ten-thousandth and within a hundred billion, so that Excel's
#: 15 significant digits hold it exactly.
LaneValue = Annotated[str, BeforeValidator(_clean_text)] | Annotated[
    float, Field(ge=-1e11, le=1e11, allow_inf_nan=False), AfterValidator(lambda v: round(v, 4))]


def joined_length(items: list[str]) -> int:
    """Length of a list written one item per line into one Excel cell."""
    return sum(len(item) for item in items) + max(len(items) - 1, 0)


def _check_lists_fit(model: BaseModel, names: tuple[str, ...]) -> None:
    for name in names:
        length = joined_length(getattr(model, name))
        if length > MAX_TEXT_LENGTH:
            raise ValueError(
                f"{name}: the items total {length:,} characters (one per line); "
                f"the limit is {MAX_TEXT_LENGTH:,} (the most one Excel cell holds)"
            )


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Touchpoint(_Model):
    """One contact between the customer and an organisation within a step."""

    channel: Channel
    description: Text = ""
    moment_of_truth: bool = False


class Step(_Model):
    """One column of the map: a key journey step, in the customer's chronological order."""

    id: StepId
    name: RequiredText
    customer_does: Text = ""
    thoughts_feelings: Text = ""
    emotion: Annotated[int, Strict()] | None = Field(default=None, ge=-2, le=2)
    touchpoints: list[Touchpoint] = []
    avoidable: Avoidable | None = None
    avoidable_why: Text = ""
    pain_points: list[ListItem] = []
    customer_suggestions: list[ListItem] = []
    improvement_ideas: list[ListItem] = []
    owner: Text = ""
    responsible: Text = ""
    importance: Level | None = None
    impact: Level | None = None
    time_taken_minutes: Annotated[float, AfterValidator(_hundredths)] | None = Field(
        default=None, ge=0, le=MAX_MINUTES, allow_inf_nan=False
    )
    contacts: Annotated[int, Strict()] | None = Field(default=None, ge=0)
    provenance: Provenance = Provenance.ASSUMED
    replaces: list[StepId] = []
    stage: Id | None = None
    frontstage: Text = ""
    backstage: Text = ""
    support: Text = ""
    lanes: Annotated[dict[Id, LaneValue], BeforeValidator(_without_empty_text)] = {}

    @model_validator(mode="after")
    def _lists_fit_one_cell(self) -> Step:
        _check_lists_fit(self, ("pain_points", "customer_suggestions", "improvement_ideas"))
        return self

    @property
    def emotion_label(self) -> str:
        return "Not recorded" if self.emotion is None else EMOTION_LABELS[self.emotion]


class Journey(_Model):
    """What is mapped: a service, for one customer segment, from trigger to outcome."""

    service: RequiredText
    title: RequiredText
    segment: Text = ""
    trigger: Text = ""
    outcome: Text = ""
    organisations: list[ListItem] = []
    departments: list[ListItem] = []
    description: Text = ""

    @model_validator(mode="after")
    def _lists_fit_one_cell(self) -> Journey:
        _check_lists_fit(self, ("organisations", "departments"))
        return self


class Stage(_Model):
    """A named phase of the journey ("Aware", "Apply", "Wait"); its steps are consecutive."""

    id: Id
    name: RequiredText
    description: Text = ""


class LaneKind(StrEnum):
    """What a custom lane holds in each step: free text, or a number (a cost, a count)."""

    TEXT = "text"
    NUMBER = "number"


class CustomLane(_Model):
    """A row the map's editors add (e.g. "Cost per step"); each step's value is in `Step.lanes`."""

    id: Id
    name: RequiredText
    kind: LaneKind = LaneKind.TEXT
    unit: Text = ""


class Persona(_Model):
    """The customer this map follows: who they are, what they need, want and find hard."""

    name: RequiredText
    description: Text = ""
    needs: list[ListItem] = []
    goals: list[ListItem] = []
    frustrations: list[ListItem] = []
    #: The id of the segment register's entry this persona stands for, once that register exists.
    segment_ref: Text = ""

    @model_validator(mode="after")
    def _lists_fit_one_cell(self) -> Persona:
        _check_lists_fit(self, ("needs", "goals", "frustrations"))
        return self


class JourneyMap(_Model):
    """One version of a journey's map: as is, to be (gold or interim) or a re-map."""

    title: RequiredText
    kind: MapKind
    mapped_on: date | None = None
    made_by: Text = ""
    owner: Text = ""
    review_by: date | None = None
    based_on: Text | None = None
    notes: Text = ""
    persona: Persona | None = None
    stages: list[Stage] = []
    lanes: list[CustomLane] = []
    hidden_lanes: list[str] = []
    steps: list[Step] = []

    @model_validator(mode="after")
    def _no_empty_based_on(self) -> JourneyMap:
        # "" and None both mean "not based on another map"; keep one spelling so files agree.
        if self.based_on is not None and not self.based_on.strip():
            self.based_on = None
        return self

    @model_validator(mode="after")
    def _step_ids_unique(self) -> JourneyMap:
        seen: dict[str, int] = {}
        for index, step in enumerate(self.steps):
            if step.id in seen:
                raise ValueError(
                    f"steps[{index}] ({step.name!r}) repeats the id {step.id!r} "
                    f"already used by steps[{seen[step.id]}]; step ids must be unique in a map"
                )
            seen[step.id] = index
        return self

    @model_validator(mode="after")
    def _stages_cover_consecutive_steps(self) -> JourneyMap:
        _unique_ids("stages", self.stages)
        order = {stage.id: index for index, stage in enumerate(self.stages)}
        previous: str | None = None
        finished: set[str] = set()
        for index, step in enumerate(self.steps):
            if step.stage is not None and step.stage not in order:
                raise ValueError(f"steps[{index}] ({step.name!r}) is in the stage "
                                 f"{step.stage!r}, which is not one of the map's stages")
            if step.stage != previous:
                if previous is not None:
                    finished.add(previous)
                if step.stage in finished:
                    raise ValueError(
                        f"steps[{index}] ({step.name!r}) is in the stage {step.stage!r}, but "
                        "that stage's steps must be consecutive and an earlier step left it")
                if (step.stage is not None and previous is not None
                        and order[step.stage] < order[previous]):
                    raise ValueError(
                        f"steps[{index}] ({step.name!r}) is in the stage {step.stage!r}, which "
                        f"comes before the stage {previous!r} of the step before it; stages run "
                        "in the order they are listed")
                previous = step.stage
        return self

    @model_validator(mode="after")
    def _lane_values_match_their_lane(self) -> JourneyMap:
        _unique_ids("lanes", self.lanes)
        kinds = {lane.id: lane.kind for lane in self.lanes}
        for lane in self.lanes:
            if lane.id in BUILT_IN_LANES or lane.id == "steps":
                raise ValueError(f"lanes: the id {lane.id!r} is the key of a built-in lane; "
                                 "choose another")
        for index, step in enumerate(self.steps):
            for lane_id, value in step.lanes.items():
                where = f"steps[{index}].lanes.{lane_id} ({step.name!r})"
                if lane_id not in kinds:
                    raise ValueError(f"{where}: no custom lane has the id {lane_id!r}")
                if kinds[lane_id] is LaneKind.NUMBER and not isinstance(value, float | int):
                    raise ValueError(f"{where}: the lane holds numbers, got {value!r}")
                if kinds[lane_id] is LaneKind.TEXT and not isinstance(value, str):
                    raise ValueError(f"{where}: the lane holds text, got {value!r}")
        known = set(BUILT_IN_LANES) | set(kinds)
        for lane_id in self.hidden_lanes:
            if lane_id not in known:
                raise ValueError(f"hidden_lanes: {lane_id!r} is not a lane of this map "
                                 f"(expected one of {', '.join(sorted(known))})")
        return self

    def lane_keys(self) -> list[str]:
        """Every lane's key in drawing order: the built-in lanes, then the custom ones."""
        return [*BUILT_IN_LANES, *(lane.id for lane in self.lanes)]

    def default_lanes(self) -> list[str]:
        """The lanes a picture shows unless told otherwise: all but the hidden ones, and the
        blueprint lanes only where some step fills them (a v1 map gains no empty rows)."""
        filled = {key for key in BLUEPRINT_LANES
                  if any(getattr(step, key).strip() for step in self.steps)}
        return [key for key in self.lane_keys() if key not in self.hidden_lanes
                and (key not in BLUEPRINT_LANES or key in filled)]


def _unique_ids(name: str, models: list[Stage] | list[CustomLane]) -> None:
    seen: dict[str, int] = {}
    for index, model in enumerate(models):
        if model.id in seen:
            raise ValueError(f"{name}[{index}] ({model.name!r}) repeats the id {model.id!r} "
                             f"already used by {name}[{seen[model.id]}]; ids must be unique")
        seen[model.id] = index


class MapDocument(_Model):
    """The file: a journey and one of its maps, tagged with the schema name and version."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        populate_by_name=True,
        title="journeymap map",
        json_schema_extra={"$id": f"https://journeymap.example/schemas/map-v{SCHEMA_VERSION}.json"},
    )

    schema_name: Literal["journeymap.map"] = Field(default=SCHEMA_NAME, alias="schema")
    schema_version: Literal[2] = SCHEMA_VERSION
    journey: Journey
    map: JourneyMap


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the map file, for documentation and for other tools to validate."""
    return MapDocument.model_json_schema(by_alias=True)


def json_schema_text() -> str:
    """`json_schema()` as the text of the published file (`SCHEMA_PATH`)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
