"""A segmentation register (Step 1 of Edinburgh's guide): its columns, its files, its ranking.

Pure Python, like the rest of `core`: the web app stores segments and calls these to read and
write the register as CSV or Excel and to rank segments by a weighted score.
"""

from journeymap.core.segments.files import (
    SegmentFileError,
    read_register,
    write_register_csv,
    write_register_xlsx,
)
from journeymap.core.segments.priority import (
    MAX_WEIGHT,
    QUICK_TARGETS,
    TERMS,
    RankedSegment,
    Term,
    rank_segments,
)
from journeymap.core.segments.register import COLUMNS, LEVELS, Column, SegmentRow

__all__ = [
    "COLUMNS", "LEVELS", "MAX_WEIGHT", "QUICK_TARGETS", "TERMS", "Column", "RankedSegment",
    "SegmentFileError",
    "SegmentRow", "Term", "rank_segments", "read_register", "write_register_csv",
    "write_register_xlsx",
]
