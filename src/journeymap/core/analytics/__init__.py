"""Contact-data analytics: touchpoint event logs become measured journeys, at any scale.

This facade is the only way in for the CLI, the web app and the benchmarks; nothing outside
this package imports its modules directly (a test in `tests/test_layers.py` holds that):

    from journeymap.core.analytics import import_log, analyse, suppress, report_sections
    stored = import_log(source=Path("contacts.csv"), key=key, out_dir=Path("store/log-42"))
    result = analyse(log=stored, backend="duckdb")     # or "pyspark"
    result.to_json()                                   # exact figures, see report_json
    shared = suppress(result, threshold=5)             # small numbers withheld
    sections = report_sections(shared)                 # tiles, tables, charts, process map

`import_log` reads the raw file once (CSV, Excel, Parquet or XES; gzip allowed), validates every
row, pseudonymises case ids and personal columns with HMAC-SHA256, and stores Parquet; `analyse`
runs Ibis expressions over that Parquet on DuckDB or PySpark and returns a frozen, typed
`AnalysisResult` whose JSON Schema is published with the package. Contact figures need to know
which events are citizen contacts: the log's channel column, or
`analyse(..., contacts=ContactDefinition.by_activities([...]))` (see `contacts`).
"""

from journeymap.core.analytics.analysis import analyse
from journeymap.core.analytics.avoidable import CATEGORIES as AVOIDABLE_CATEGORIES
from journeymap.core.analytics.avoidable import RULE_DESCRIPTIONS as AVOIDABLE_SEQUENCE_RULES
from journeymap.core.analytics.avoidable import AvoidableRules
from journeymap.core.analytics.backends import SPARK_MASTER_ENV, spark_session
from journeymap.core.analytics.backends import spark_master as resolve_spark_master
from journeymap.core.analytics.columns import ColumnMapping, guess_mapping
from journeymap.core.analytics.conformance import load_step_mapping
from journeymap.core.analytics.contacts import ContactDefinition
from journeymap.core.analytics.engines import analysis_connection, import_log_on
from journeymap.core.analytics.errors import AnalyticsError, ConfigurationError, LogImportError
from journeymap.core.analytics.filters import CaseFilter
from journeymap.core.analytics.preview import LogPreview, preview_log
from journeymap.core.analytics.pseudonymise import load_key, pseudonym
from journeymap.core.analytics.report_html import render_html, write_analysis_html
from journeymap.core.analytics.report_json import write_analysis_json
from journeymap.core.analytics.report_sections import (
    Chart,
    ProcessMap,
    ReportSections,
    Section,
    Table,
    Tile,
    count_text,
    duration_text,
    number_text,
    percent_text,
    report_sections,
)
from journeymap.core.analytics.result import (
    ANALYSIS_SCHEMA,
    ANALYSIS_SCHEMA_VERSION,
    CONTACTS_NEEDED,
    SCHEMA_PATH,
    AnalysisResult,
    Suppressed,
    json_schema,
)
from journeymap.core.analytics.segments import check_segments, segment_cases
from journeymap.core.analytics.spark_store import import_log_on_spark
from journeymap.core.analytics.step_figures import (
    StepFigures,
    StepFiguresResult,
    step_figures,
    suppress_step_figures,
)
from journeymap.core.analytics.step_links import suggest_step_links
from journeymap.core.analytics.store import StoredLog, import_log
from journeymap.core.analytics.suppression import hidden_cells, suppress
from journeymap.core.analytics.synth import write_synth
from journeymap.core.analytics.writers import write_log

__all__ = [
    "ANALYSIS_SCHEMA",
    "ANALYSIS_SCHEMA_VERSION",
    "AVOIDABLE_CATEGORIES",
    "AVOIDABLE_SEQUENCE_RULES",
    "CONTACTS_NEEDED",
    "SCHEMA_PATH",
    "SPARK_MASTER_ENV",
    "AnalysisResult",
    "AnalyticsError",
    "AvoidableRules",
    "CaseFilter",
    "Chart",
    "ColumnMapping",
    "ConfigurationError",
    "ContactDefinition",
    "LogImportError",
    "LogPreview",
    "ProcessMap",
    "ReportSections",
    "Section",
    "StepFigures",
    "StepFiguresResult",
    "StoredLog",
    "Suppressed",
    "Table",
    "Tile",
    "analyse",
    "analysis_connection",
    "check_segments",
    "count_text",
    "duration_text",
    "guess_mapping",
    "hidden_cells",
    "import_log",
    "import_log_on",
    "import_log_on_spark",
    "json_schema",
    "load_key",
    "load_step_mapping",
    "number_text",
    "percent_text",
    "preview_log",
    "pseudonym",
    "render_html",
    "report_sections",
    "resolve_spark_master",
    "segment_cases",
    "spark_session",
    "step_figures",
    "suggest_step_links",
    "suppress",
    "suppress_step_figures",
    "write_analysis_html",
    "write_analysis_json",
    "write_log",
    "write_synth",
]
