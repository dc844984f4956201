"""An uploaded workbook cannot expand XML entities (billion laughs) or declare a DTD payload."""

import io
import zipfile

import openpyxl.xml
import pytest

from journeymap.core.maps import MapFileError, excel
from journeymap.core.maps.demo import load_demo_documents

LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def _rewrite_sheet(data: bytes, *, doctype: str, use_entity: bool) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet2.xml":
                text = content.decode()
                if use_entity:
                    text = text.replace("<is><t>", "<is><t>&lol3;", 1)
                content = (doctype + text).encode()
            target.writestr(name, content)
    return out.getvalue()


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML


def test_a_workbook_with_entity_expansion_is_refused_and_a_clean_one_is_read():
    data = excel.write_workbook(load_demo_documents()[0])
    assert excel.read_workbook(_rewrite_sheet(data, doctype="", use_entity=False)) is not None
    with pytest.raises(MapFileError, match=r"not a readable \.xlsx workbook"):
        excel.read_workbook(_rewrite_sheet(data, doctype=LAUGHS, use_entity=True))
