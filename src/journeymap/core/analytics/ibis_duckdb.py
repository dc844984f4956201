"""Ibis's DuckDB backend, reading a table's schema as plain rows rather than through Arrow.

Ibis 12 fetches `DESCRIBE` as an Arrow table, which imports PyArrow and numpy (about 0.1 CPU
second) into every analysis, though nothing else an analysis on DuckDB does needs them (results
come back as rows, see `metrics.fetch`). Same query, same type mapping, rows instead of Arrow.
Importing it imports only DuckDB's SQL compiler, not Ibis's twenty (see `ibis_compilers`).
"""

from __future__ import annotations

import duckdb
import ibis.common.exceptions as ibis_exceptions
import ibis.expr.schema as sch
import sqlglot as sg
import sqlglot.expressions as sge

from journeymap.core.analytics.ibis_compilers import install_lazy_compilers

# Before Ibis's DuckDB backend is imported: it imports the compilers package (see there).
install_lazy_compilers()

from ibis.backends.duckdb import Backend  # noqa: E402


class DuckDBBackend(Backend):
    def get_schema(
        self, table_name: str, *, catalog: str | None = None, database: str | None = None
    ) -> sch.Schema:
        query = sge.Describe(
            this=sg.table(table_name, db=database, catalog=catalog, quoted=self.compiler.quoted)
        ).sql(self.dialect)
        try:
            described = self.con.sql(query).fetchall()
        except duckdb.CatalogException:
            raise ibis_exceptions.TableNotFound(table_name) from None
        type_mapper = self.compiler.type_mapper
        # DESCRIBE's columns: name, type, null ("YES"/"NO"), key, default, extra.
        return sch.Schema({
            name: type_mapper.from_string(column_type, nullable=null == "YES")
            for name, column_type, null, *_ in described
        })
