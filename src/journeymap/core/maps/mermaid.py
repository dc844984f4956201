"""The map as Mermaid `journey` text, for wikis and Markdown documents.

Mermaid scores tasks 1-5, so the smiley scale -2..+2 maps to 1..5; a step with no emotion
recorded is scored neutral (3) and says so in its task name.

A wiki renders this text into its page, so user text must neither run (`<script>`, `<img
onerror=...>`) nor break out of its label. Mermaid's journey syntax ends a label at `:`, `#`,
`;` or a newline, reads `%%` as a comment or directive (`%%{init: ...}%%`), splits actors at `,`
and treats a line starting with `title` or `section` as a heading. So every character other than
letters, digits, spaces and a few plain punctuation marks is written as Mermaid's numeric entity
code (`#60;` for `<`, `#35;` for `#`), which Mermaid turns back into the character only after
parsing, as text; a label starting with a keyword has its first letter written so too; control
characters are dropped and every run of whitespace, newlines included, becomes one space.

A map with stages has one section per stage holding its steps (each step is a task, numbered
as in the map); a map without has one section per step. The persona names the customer actor
and is described in `accDescr`; the blueprint lanes are tasks of the staff, backstage and
support actors. Custom lanes have no place in a journey diagram and are left out.
"""

from __future__ import annotations

import re
import unicodedata

from journeymap.core.maps.schema import MapDocument, Step

_PLAIN_PUNCTUATION = frozenset(" .-_()!?/+*=@$")
_KEYWORD_START = re.compile(r"(?:title|section|journey|acctitle|accdescr)\b", re.IGNORECASE)


def _entity(character: str) -> str:
    return f"#{ord(character)};"


def mermaid_text(text: str) -> str:
    """User text made safe as one Mermaid journey label: inert, on one line, one token."""
    words = " ".join(text.split())
    kept = "".join(char for char in words if unicodedata.category(char) != "Cc")
    safe = "".join(
        char if char.isalnum() or char in _PLAIN_PUNCTUATION else _entity(char) for char in kept
    )
    if _KEYWORD_START.match(safe):
        safe = _entity(safe[0]) + safe[1:]
    return safe


_BLUEPRINT_ACTORS = (("frontstage", "Staff"), ("backstage", "Backstage"),
                     ("support", "Support systems"))


def _task_lines(step: Step, *, customer: str, number: int | None = None) -> list[str]:
    score = 3 if step.emotion is None else step.emotion + 3
    actors = [mermaid_text(actor) for actor in (customer, step.responsible)]
    actor_text = ", ".join(actor for actor in actors if actor)
    label = step.name if step.emotion is not None else f"{step.name} (feeling not recorded)"
    if number is not None:
        label = f"{number}. {label}"
    # A task needs a name; one of control characters only has none left.
    lines = [f"    {mermaid_text(label) or '(no name)'}: {score}: {actor_text}"]
    for touchpoint in step.touchpoints:
        task = touchpoint.channel.label
        if touchpoint.description.strip():
            task += f" - {touchpoint.description}"
        if touchpoint.moment_of_truth:
            task += " (moment of truth)"
        lines.append(f"    {mermaid_text(task)}: {score}: {actor_text}")
    for field, actor in _BLUEPRINT_ACTORS:
        value = getattr(step, field)
        if mermaid_text(value):
            lines.append(f"    {mermaid_text(value)}: {score}: {actor}")
    return lines


def _persona_line(doc: MapDocument) -> list[str]:
    persona = doc.map.persona
    if persona is None:
        return []
    parts = [f"Persona {persona.name}", persona.description]
    for heading, items in (("Needs", persona.needs), ("Goals", persona.goals),
                           ("Frustrations", persona.frustrations)):
        if items:
            parts.append(f"{heading} - " + " / ".join(items))
    text = mermaid_text(". ".join(part for part in parts if part.strip()))
    return [f"    accDescr: {text}"]


def to_mermaid(doc: MapDocument) -> str:
    """A Mermaid `journey` diagram: a section per stage (or per step), steps as tasks."""
    # The persona names the customer, unless its name is made only of control characters.
    persona_name = mermaid_text(doc.map.persona.name) if doc.map.persona else ""
    customer = doc.map.persona.name if persona_name else "Customer"
    lines = ["journey", f"    title {mermaid_text(doc.map.title + ' - ' + doc.journey.title)}"]
    lines.extend(_persona_line(doc))
    stages = {stage.id: stage for stage in doc.map.stages}
    previous: str | None = None
    for number, step in enumerate(doc.map.steps, start=1):
        if step.stage is None:
            lines.append(f"    section {number}. {mermaid_text(step.name)}")
            lines.extend(_task_lines(step, customer=customer))
        else:
            if step.stage != previous:
                name = mermaid_text(stages[step.stage].name) or "(no name)"
                lines.append(f"    section {name}")
            lines.extend(_task_lines(step, customer=customer, number=number))
        previous = step.stage
    return "\n".join(lines) + "\n"
