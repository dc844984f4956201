"""Contact-data analytics: touchpoint event logs become measured journeys, at any scale.

Two calls make the facade the CLI and the web app use:

    from journeymap.core.analytics import import_log, analyse, StoredLog
    stored = import_log(source=Path("contacts.csv"), key=key, out_dir=Path("store/log-42"))
    result = analyse(log=stored, backend="duckdb")     # or "pyspark"
    result.to_json()                                   # stable keys, see report_json

`import_log` reads the raw file once (CSV, Excel, Parquet or XES; gzip allowed), validates every
row, pseudonymises case ids and personal columns with HMAC-SHA256, and stores Parquet; `analyse`
runs Ibis expressions over that Parquet on DuckDB or PySpark. Both return frozen dataclasses.
Contact figures need to know which events are citizen contacts: the log's channel column, or
`analyse(..., contacts=ContactDefinition.by_activities([...]))` (see `contacts`).
"""

from journeymap.core.analytics.analysis import ANALYSIS_SCHEMA, AnalysisResult, analyse
from journeymap.core.analytics.avoidable import AvoidableRules
from journeymap.core.analytics.columns import ColumnMapping, guess_mapping
from journeymap.core.analytics.contacts import CONTACTS_NEEDED, ContactDefinition
from journeymap.core.analytics.errors import AnalyticsError, ConfigurationError, LogImportError
from journeymap.core.analytics.pseudonymise import load_key, pseudonym
from journeymap.core.analytics.store import StoredLog, import_log

__all__ = [
    "ANALYSIS_SCHEMA",
    "CONTACTS_NEEDED",
    "AnalysisResult",
    "AnalyticsError",
    "AvoidableRules",
    "ColumnMapping",
    "ConfigurationError",
    "ContactDefinition",
    "LogImportError",
    "StoredLog",
    "analyse",
    "guess_mapping",
    "import_log",
    "load_key",
    "pseudonym",
]
