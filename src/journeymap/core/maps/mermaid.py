"""The map as Mermaid `journey` text, for wikis and Markdown documents.

Mermaid scores tasks 1-5, so the smiley scale -2..+2 maps to 1..5; a step with no emotion
recorded is scored neutral (3) and says so in its task name. Mermaid's journey syntax splits on
':' and ends lines at newlines, and '#' and ';' start entities, so those are replaced in user text.
"""

from __future__ import annotations

from journeymap.core.maps.schema import MapDocument, Step

_REPLACEMENTS = str.maketrans({":": "\u2236", ";": ",", "#": "No.", "\n": " ", "\r": " "})


def mermaid_text(text: str) -> str:
    """User text made safe for one Mermaid journey line."""
    return " ".join(text.translate(_REPLACEMENTS).split())


def _task_lines(step: Step) -> list[str]:
    score = 3 if step.emotion is None else step.emotion + 3
    actors = ["Customer", *([step.responsible] if step.responsible.strip() else [])]
    actor_text = ", ".join(mermaid_text(actor) for actor in actors)
    label = step.name if step.emotion is not None else f"{step.name} (feeling not recorded)"
    lines = [f"    {mermaid_text(label)}: {score}: {actor_text}"]
    for touchpoint in step.touchpoints:
        task = touchpoint.channel.label
        if touchpoint.description.strip():
            task += f" - {touchpoint.description}"
        if touchpoint.moment_of_truth:
            task += " (moment of truth)"
        lines.append(f"    {mermaid_text(task)}: {score}: {actor_text}")
    return lines


def to_mermaid(doc: MapDocument) -> str:
    """A Mermaid `journey` diagram: one section per step, its touchpoints as tasks."""
    lines = ["journey", f"    title {mermaid_text(doc.map.title + ' - ' + doc.journey.title)}"]
    for number, step in enumerate(doc.map.steps, start=1):
        lines.append(f"    section {number}. {mermaid_text(step.name)}")
        lines.extend(_task_lines(step))
    return "\n".join(lines) + "\n"
