"""Smiley faces, channel icons and markers, drawn as shapes (no images, no icon fonts).

Every glyph is also given in words next to it (emotion label, channel label), so colour and
shape never carry meaning alone. Face colours run red to green but the mouth shape differs too.
"""

from __future__ import annotations

from journeymap.core.maps.render.scene import Circle, Item, Path, Rect
from journeymap.core.maps.schema import Channel

INK = "#0b0c0c"

EMOTION_COLOURS = {
    -2: "#d4351c",
    -1: "#f47738",
    0: "#ffdd00",
    1: "#85994b",
    2: "#00703c",
}

# Mouth curvature per score: negative frowns, positive smiles, zero is a flat line.
_MOUTH_CURVE = {-2: -0.45, -1: -0.22, 0: 0.0, 1: 0.25, 2: 0.5}


def face(*, cx: float, cy: float, r: float, emotion: int) -> list[Item]:
    """A smiley face for a score on the -2..+2 scale."""
    eye_dy, eye_dx, eye_r = r * 0.25, r * 0.35, max(r * 0.11, 1.2)
    mouth_y, half = cy + r * 0.35, r * 0.45
    bend = _MOUTH_CURVE[emotion] * r
    mouth = (
        f"M{cx - half:.2f},{mouth_y - bend / 2:.2f} "
        f"Q{cx:.2f},{mouth_y + bend * 1.5:.2f} {cx + half:.2f},{mouth_y - bend / 2:.2f}"
    )
    return [
        Circle(cx=cx, cy=cy, r=r, fill=EMOTION_COLOURS[emotion], stroke=INK, stroke_width=1.5),
        Circle(cx=cx - eye_dx, cy=cy - eye_dy, r=eye_r, fill=INK, stroke="none"),
        Circle(cx=cx + eye_dx, cy=cy - eye_dy, r=eye_r, fill=INK, stroke="none"),
        Path(d=mouth, stroke=INK, stroke_width=max(r * 0.1, 1.5)),
    ]


def unknown_face(*, cx: float, cy: float, r: float) -> list[Item]:
    """A dashed empty circle: the emotion was not recorded (not the same as neutral)."""
    return [Rect(x=cx - r, y=cy - r, width=2 * r, height=2 * r, radius=r, stroke=INK, dashed=True)]


_STAR = (
    "M12 1.5 L14.9 8.6 L22.5 9.2 L16.7 14.1 L18.5 21.5 "
    "L12 17.5 L5.5 21.5 L7.3 14.1 L1.5 9.2 L9.1 8.6 Z"
)


def star(*, x: float, y: float, size: float) -> Path:
    """The moment-of-truth marker: a yellow star with a dark outline."""
    return Path(d=_STAR, x=x, y=y, scale=size / 24, fill="#ffdd00", stroke=INK, stroke_width=1.6)


# Each icon is drawn in a 24x24 box, stroked, in the style of simple line icons.
_CHANNEL_PATHS = {
    Channel.FACE_TO_FACE: (
        "M7 7 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 M17 7 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 "
        "M1.5 21 v-3 a5.5 5.5 0 0 1 11 0 v3 M11.5 21 v-3 a5.5 5.5 0 0 1 11 0 v3"
    ),
    Channel.TELEPHONE: (
        "M5 2 h4 l2 5 -2.5 1.5 a11 11 0 0 0 7 7 l1.5 -2.5 5 2 v4 a2 2 0 0 1 -2 2 "
        "A17 17 0 0 1 3 4 a2 2 0 0 1 2 -2 Z"
    ),
    Channel.WEB: "M2 4 h20 v16 h-20 Z M2 8.5 h20 M5 6.2 h1 M8 6.2 h1 M6 13 h12 M6 16 h8",
    Channel.EMAIL: "M2 5 h20 v14 h-20 Z M2 5 l10 8 l10 -8",
    Channel.POST: "M5 2 h10 l5 5 v15 h-15 Z M15 2 v5 h5 M8 12 h9 M8 15.5 h9 M8 19 h6",
    Channel.SMS: (
        "M6 2 h12 a2 2 0 0 1 2 2 v16 a2 2 0 0 1 -2 2 h-12 a2 2 0 0 1 -2 -2 v-16 a2 2 0 0 1 2 -2 Z "
        "M7 6 h10 v7 h-6 l-3 2.5 v-2.5 h-1 Z"
    ),
    Channel.WEBCHAT: "M2 3 h13 v9 h-8 l-4 3 v-3 h-1 Z M17 8 h5 v9 h-1 v3 l-4 -3 h-7 v-3",
    Channel.SOCIAL_MEDIA: (
        "M18 5 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 M6 12 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 "
        "M18 19 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 M8.6 13.5 l6.8 4 M15.4 6.5 l-6.8 4"
    ),
    Channel.HOME_VISIT: "M2 11 L12 2.5 L22 11 M4.5 9 V21.5 H19.5 V9 M10 21.5 v-6 h4 v6",
    Channel.THIRD_PARTY: (
        "M6 6 m-3 0 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 M1 20 v-3 a5 5 0 0 1 10 0 v3 "
        "M14 9 h8 v12 h-8 Z M16.5 12 h3 M16.5 15 h3 M16.5 18 h3"
    ),
}


def channel_icon(*, channel: Channel, x: float, y: float, size: float) -> Path:
    """The line icon for a channel, fitted into a `size`-pixel square at (x, y)."""
    return Path(d=_CHANNEL_PATHS[channel], x=x, y=y, scale=size / 24, stroke=INK, stroke_width=1.8)
