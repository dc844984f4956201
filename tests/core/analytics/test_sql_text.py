"""Quoting into SQL: DuckDB itself reads every quoted name and value back unchanged."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.sql_text import sql_identifier, sql_list, sql_literal

_TEXT = st.text(  # surrogates are not text DuckDB can hold at all
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
TRICKY = ["it's", 'say "hi"', "back\\slash\\", "'; DROP TABLE t; --", "naïve 名前 🙂", "a\nb", ""]


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


@pytest.mark.parametrize("text", TRICKY)
def test_a_literal_reads_back_unchanged(con, text):
    assert con.execute(f"SELECT {sql_literal(text)}").fetchone()[0] == text


@pytest.mark.parametrize("name", [name for name in TRICKY if name])
def test_an_identifier_names_the_column_unchanged(con, name):
    described = con.execute(f"DESCRIBE SELECT 1 AS {sql_identifier(name)}").fetchall()
    assert described[0][0] == name


@settings(max_examples=200, deadline=None)
@given(text=_TEXT)
def test_any_text_without_nul_round_trips_as_a_literal(con, text):
    assert con.execute(f"SELECT {sql_literal(text)}").fetchone()[0] == text


@settings(max_examples=200, deadline=None)
@given(name=_TEXT.filter(bool))
def test_any_name_without_nul_round_trips_as_an_identifier(con, name):
    described = con.execute(f"DESCRIBE SELECT 1 AS {sql_identifier(name)}").fetchall()
    assert described[0][0] == name


def test_a_list_of_values(con):
    values = ["%d/%m/%Y", "it's"]
    assert con.execute(f"SELECT {sql_list(values)}").fetchone()[0] == values


@pytest.mark.parametrize("quote", [sql_identifier, sql_literal])
def test_nul_is_refused_with_a_clear_error(quote):
    with pytest.raises(LogImportError, match="NUL character"):
        quote("a\x00b")
