"""The PNG's words are shaped like the PDF's: joined Arabic, right-to-left order, colour emoji.

Each test draws a step name and checks the pixels of the name's cell against a second drawing
whose correct appearance is spelled out with Unicode alone (visual-order presentation forms under
a LEFT-TO-RIGHT OVERRIDE), so it does not depend on the code under test being right twice. A
renderer without shaping or bidi (cairosvg, the PNG's former engine) fails every one of them.
"""

import io

from PIL import Image, ImageChops

from journeymap.core.maps import render_png
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.scene import TextBlock
from journeymap.core.maps.render.textfit import text_width
from journeymap.core.maps.schema import MapDocument, Step

SCALE = 2
LRO, PDF = "\u202d", "\u202c"  # LEFT-TO-RIGHT OVERRIDE ... POP DIRECTIONAL FORMATTING


def _one_step_doc(name: str) -> MapDocument:
    doc = load_demo_documents()[0]
    return doc.model_copy(update={"map": doc.map.model_copy(
        update={"steps": [Step(id="s0", name=name)]})})


def _name_block(doc: MapDocument, name: str) -> TextBlock:
    return next(item for item in build_map_scene(doc).items
                if isinstance(item, TextBlock) and len(item.lines) == 1
                and item.lines[0].endswith(name))


def _name_cell(name: str) -> Image.Image:
    """The PNG's pixels where a one-step map's step name is drawn."""
    doc = _one_step_doc(name)
    block = _name_block(doc, name)
    image = Image.open(io.BytesIO(render_png(doc, scale=SCALE))).convert("RGB")
    box = (block.x, block.y, block.x + block.width, block.y + block.line_height)
    return image.crop(tuple(round(side * SCALE) for side in box))


def _differing(one: Image.Image, other: Image.Image) -> int:
    """How many pixels differ clearly (more than a quarter of the grey range)."""
    difference = ImageChops.difference(one.convert("L"), other.convert("L"))
    return sum(difference.point(lambda value: 255 if value > 64 else 0).histogram()[255:])


def _ink_runs(image: Image.Image) -> int:
    """How many separate horizontal stretches hold dark pixels (a joined word is one)."""
    grey = image.convert("L")
    width, height = grey.size
    pixels = grey.load()
    inked = [any(pixels[x, y] < 128 for y in range(height)) for x in range(width)]
    return sum(1 for x, ink in enumerate(inked) if ink and (x == 0 or not inked[x - 1]))


def test_arabic_letters_join_and_run_right_to_left() -> None:
    # بيت shaped: initial beh, medial yeh, final teh, drawn right to left.
    shaped = _name_cell("بيت")
    assert _differing(shaped, _name_cell(f"{LRO}\ufe96\ufef4\ufe91{PDF}")) <= 20
    assert _differing(shaped, _name_cell(f"{LRO}\ufe8f\ufef1\ufe95{PDF}")) > 100  # isolated


def test_arabic_word_is_drawn_joined_not_as_isolated_letters() -> None:
    # سلام joins into two pieces (alef does not join the meem); its isolated letters are four.
    # The "1. " before every step name adds the same two runs to both.
    joined, isolated = _name_cell("سلام"), _name_cell("\ufeb1\ufedd\ufe8d\ufee1")
    assert _ink_runs(isolated) - _ink_runs(joined) == 2
    assert _differing(joined, isolated) > 100


def test_hebrew_runs_right_to_left() -> None:
    logical = _name_cell("שלום")
    assert _differing(logical, _name_cell(f"{LRO}םולש{PDF}")) <= 20  # final mem leftmost
    assert _differing(logical, _name_cell(f"{LRO}שלום{PDF}")) > 100


def test_emoji_is_drawn_in_colour() -> None:
    def yellow(image: Image.Image) -> int:
        return sum(1 for x in range(image.width) for y in range(image.height)
                   if (pixel := image.getpixel((x, y)))[0] > 200 and pixel[1] > 140
                   and pixel[2] < 100)

    assert yellow(_name_cell("x")) == 0
    assert yellow(_name_cell("😀")) > 100


def test_digits_keep_their_text_font() -> None:
    # Naming an emoji font in the CSS made Pango draw digits from it, twice as wide apart.
    doc = _one_step_doc("12345678")
    block = _name_block(doc, "12345678")
    cell = _name_cell("12345678")
    inked = [x for x in range(cell.width)
             if any(cell.getpixel((x, y))[0] < 128 for y in range(cell.height))]
    drawn = (inked[-1] - inked[0]) / SCALE
    assert drawn <= text_width(block.lines[0], block.size, bold=block.bold) * 1.1
