"""Pictures of a map: a scene of shapes and pre-wrapped text, drawn as SVG, PNG or PDF.

Layout happens once (`layout.py`, `smiley.py`, `comparison.py` build a `Scene`); the emitters only
draw it. SVG and PNG come from the SVG emitter; the PDF draws the same shapes and lays the same
text lines out as HTML so that WeasyPrint's Pango shapes right-to-left and complex scripts.
"""
