"""The picture functions callers use: a map (or two) in, SVG text or PNG/PDF bytes out."""

from __future__ import annotations

from journeymap.core.maps.compare import compare_maps
from journeymap.core.maps.render.comparison import build_comparison_scene
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.raster import page_scenes, scenes_to_pdf, svg_to_png
from journeymap.core.maps.render.scene import Scene
from journeymap.core.maps.render.smiley import build_smiley_scene
from journeymap.core.maps.render.svg import scene_to_svg
from journeymap.core.maps.schema import Journey, JourneyMap, MapDocument
from journeymap.core.maps.text_alternative import picture_title, text_alternative


def map_scene(doc: MapDocument, *, smiley: bool = False) -> Scene:
    """The whole map as one scene: the full grid, or the smiley map for front-line staff."""
    return build_smiley_scene(doc) if smiley else build_map_scene(doc)


def render_svg(doc: MapDocument, *, smiley: bool = False) -> str:
    """The map as a standalone, accessible SVG document (one picture, however wide)."""
    return scene_to_svg(map_scene(doc, smiley=smiley))


def render_png(doc: MapDocument, *, smiley: bool = False, scale: float = 1.0) -> bytes:
    """The map as a PNG; 1 CSS pixel of the SVG is `scale` pixels of the image."""
    return svg_to_png(render_svg(doc, smiley=smiley), scale=scale)


def render_pdf(doc: MapDocument, *, smiley: bool = False) -> bytes:
    """The map as a print-ready A3 landscape PDF, one page per `STEPS_PER_PAGE` steps."""
    return scenes_to_pdf(page_scenes(doc, smiley=smiley), title=picture_title(doc),
                         description=text_alternative(doc))


def comparison_description(*, before: JourneyMap, after: JourneyMap, journey: Journey) -> str:
    """The text alternative of the comparison picture."""
    result = compare_maps(before=before, after=after)
    lines = [
        f"Comparison of two maps of {journey.title}: {before.title} ({before.kind.label}) above, "
        f"{after.title} ({after.kind.label}) below.",
        f"Steps {result.before_totals.steps} to {result.after_totals.steps}; time "
        f"{result.before_totals.time_minutes:g} to {result.after_totals.time_minutes:g} minutes; "
        f"contacts {result.before_totals.contacts} to {result.after_totals.contacts}.",
    ]
    if result.removed:
        lines.append("Removed: " + "; ".join(step.name for step in result.removed) + ".")
    if result.added:
        lines.append("Added: " + "; ".join(step.name for step in result.added) + ".")
    for merge in result.merged:
        names = "; ".join(step.name for step in merge.before)
        lines.append(f"{merge.after.name} replaces {names}.")
    if result.changed:
        lines.append("Changed: " + "; ".join(c.after.name for c in result.changed) + ".")
    return "\n".join(lines)


def render_comparison_svg(*, before: JourneyMap, after: JourneyMap, journey: Journey) -> str:
    """Two maps one above the other, the earlier on top with removed steps struck through."""
    description = comparison_description(before=before, after=after, journey=journey)
    scene = build_comparison_scene(before=before, after=after, journey=journey,
                                   description=description)
    return scene_to_svg(scene)
