"""Demo journeys written from the seeds' Edinburgh case studies, each as-is and to-be.

The JSON files are ordinary map files (so they also show what a good map file looks like):
the Lothian Pension Fund's "joining the pension scheme" and the Revenues & Benefits claim for
the "new claims without support" segment.
"""

from __future__ import annotations

from importlib import resources

from journeymap.core.maps import jsonio
from journeymap.core.maps.schema import MapDocument

DEMO_FILES = (
    "lothian-pension-as-is.json",
    "lothian-pension-to-be.json",
    "benefits-claim-as-is.json",
    "benefits-claim-to-be.json",
)


def load_demo_documents() -> list[MapDocument]:
    """The four demo maps, in the order of `DEMO_FILES` (each journey's as-is before its to-be)."""
    folder = resources.files(__package__)
    return [jsonio.loads(folder.joinpath(name).read_bytes()) for name in DEMO_FILES]
