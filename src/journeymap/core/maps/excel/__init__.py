"""The map as an Excel workbook a council can fill in offline and import back.

Sheets: Instructions, Journey, Map and Steps (the Edinburgh rows down column A, a column per
step). `read_workbook` is all or nothing: it lists every problem with sheet, cell and what was
expected, and returns no partial map.
"""

from journeymap.core.maps.excel.read import read_workbook
from journeymap.core.maps.excel.write import template_workbook, write_workbook

__all__ = ["read_workbook", "template_workbook", "write_workbook"]
