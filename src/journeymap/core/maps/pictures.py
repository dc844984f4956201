"""The picture functions callers use: a map (or two) in, SVG text or PNG/PDF bytes out."""

from __future__ import annotations

from journeymap.core.maps.compare import compare_maps
from journeymap.core.maps.render.citizen_lines import CitizenLines
from journeymap.core.maps.render.comparison import build_comparison_scene, comparison_totals
from journeymap.core.maps.render.lanes import chosen_lanes
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.legend import build_key_scene
from journeymap.core.maps.render.raster import (
    MAP_PAGE_CSS,
    page_scenes,
    print_pages_html,
    scene_to_png,
    scenes_to_pdf,
)
from journeymap.core.maps.render.scene import Scene
from journeymap.core.maps.render.smiley import build_smiley_scene
from journeymap.core.maps.render.svg import scene_to_svg
from journeymap.core.maps.schema import Journey, JourneyMap, MapDocument
from journeymap.core.maps.text_alternative import picture_title, text_alternative

Lanes = list[str] | tuple[str, ...] | None


def map_scene(doc: MapDocument, *, smiley: bool = False, lanes: Lanes = None,
              citizen: CitizenLines | None = None) -> Scene:
    """The whole map as one scene: the full grid, or the smiley map for front-line staff.

    `lanes` picks the grid's lanes by key (`schema.BUILT_IN_LANES` and custom lane ids); None
    shows the map's default (`JourneyMap.default_lanes`). An unknown key raises `ValueError`.
    `citizen` draws citizens' feeling per segment on the grid's heartbeat lane.
    """
    if smiley:
        return build_smiley_scene(doc)
    return build_map_scene(doc, lanes=lanes, citizen=citizen)


def render_svg(doc: MapDocument, *, smiley: bool = False, lanes: Lanes = None) -> str:
    """The map as a standalone, accessible SVG document (one picture, however wide)."""
    return scene_to_svg(map_scene(doc, smiley=smiley, lanes=lanes))


def render_png(doc: MapDocument, *, smiley: bool = False, scale: float = 1.0,
               lanes: Lanes = None) -> bytes:
    """The map as a PNG; 1 CSS pixel of the SVG is `scale` pixels of the image."""
    return scene_to_png(map_scene(doc, smiley=smiley, lanes=lanes), scale=scale)


def render_pdf(doc: MapDocument, *, smiley: bool = False, lanes: Lanes = None) -> bytes:
    """The map as a print-ready A3 landscape PDF: `STEPS_PER_PAGE` steps across a page, and
    as many pages down as the steps' content needs."""
    shown = None if smiley else list(chosen_lanes(doc.map, lanes))
    return scenes_to_pdf(page_scenes(doc, smiley=smiley, lanes=lanes), title=picture_title(doc),
                         description=text_alternative(doc, lanes=shown))


def render_print_pages(doc: MapDocument, *, smiley: bool = False, lanes: Lanes = None) -> str:
    """The pages `render_pdf` prints, as HTML for a longer document printed by WeasyPrint (the
    evidence pack): every word of the map is on them. Style them with `PRINT_PAGE_CSS`, which
    prints them on A3 landscape pages named `map-a3` whatever the document's own page size."""
    return print_pages_html(page_scenes(doc, smiley=smiley, lanes=lanes))


PRINT_PAGE_CSS = MAP_PAGE_CSS


def comparison_description(*, before: JourneyMap, after: JourneyMap, journey: Journey) -> str:
    """The text alternative of the comparison picture."""
    result = compare_maps(before=before, after=after)
    lines = [
        f"Comparison of two maps of {journey.title}: {before.title} ({before.kind.label}) above "
        f"and as the dashed curve, {after.title} ({after.kind.label}) below and as the solid "
        "curve with faces.",
        *(f"{total[0].upper()}{total[1:]}." for total in comparison_totals(result)),
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


def render_key_svg(*, width: float = 900) -> str:
    """The map's key on its own, as a standalone accessible SVG `width` pixels wide."""
    return scene_to_svg(build_key_scene(width=width))
