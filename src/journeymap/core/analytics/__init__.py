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

Every name is imported when first used (PEP 562), so a run pays only for the engine parts it
touches: importing `import_log` and `analyse` loads neither Ibis nor the result models (the engine
loads on the first analysis, or on a second thread while an import runs, see `analysis_warmup`),
nor the Excel, Parquet or XES readers, the map schema, the HTML report, the synthetic-log writer
or Spark's import. (No module of this package is named as one
of its exported functions: importing that module would bind the module under the name.)
"""

from __future__ import annotations

import importlib

# Exported name -> (module of this package, name there).
_LAZY: dict[str, tuple[str, str]] = {
    "analyse": ("analysis", "analyse"),
    "StepFigures": ("figures_by_step", "StepFigures"),
    "StepFiguresResult": ("figures_by_step", "StepFiguresResult"),
    "step_figures": ("figures_by_step", "step_figures"),
    "suppress_step_figures": ("figures_by_step", "suppress_step_figures"),
    "Chart": ("report_layout", "Chart"),
    "ProcessMap": ("report_layout", "ProcessMap"),
    "ReportSections": ("report_layout", "ReportSections"),
    "Section": ("report_layout", "Section"),
    "Table": ("report_layout", "Table"),
    "Tile": ("report_layout", "Tile"),
    "count_text": ("report_layout", "count_text"),
    "duration_text": ("report_layout", "duration_text"),
    "number_text": ("report_layout", "number_text"),
    "percent_text": ("report_layout", "percent_text"),
    "report_sections": ("report_layout", "report_sections"),
    "AVOIDABLE_CATEGORIES": ("avoidable", "CATEGORIES"),
    "AVOIDABLE_SEQUENCE_RULES": ("avoidable", "RULE_DESCRIPTIONS"),
    "AvoidableRules": ("avoidable", "AvoidableRules"),
    "resolve_spark_master": ("backends", "spark_master"),
    "SPARK_MASTER_ENV": ("backends", "SPARK_MASTER_ENV"),
    "spark_session": ("backends", "spark_session"),
    "ColumnMapping": ("columns", "ColumnMapping"),
    "guess_mapping": ("columns", "guess_mapping"),
    "load_step_mapping": ("conformance", "load_step_mapping"),
    "ContactDefinition": ("contacts", "ContactDefinition"),
    "analysis_connection": ("engines", "analysis_connection"),
    "import_log_on": ("engines", "import_log_on"),
    "AnalyticsError": ("errors", "AnalyticsError"),
    "ConfigurationError": ("errors", "ConfigurationError"),
    "LogImportError": ("errors", "LogImportError"),
    "CaseFilter": ("filters", "CaseFilter"),
    "LogPreview": ("preview", "LogPreview"),
    "preview_log": ("preview", "preview_log"),
    "load_key": ("pseudonymise", "load_key"),
    "pseudonym": ("pseudonymise", "pseudonym"),
    "render_html": ("report_html", "render_html"),
    "write_analysis_html": ("report_html", "write_analysis_html"),
    "write_analysis_json": ("report_json", "write_analysis_json"),
    "ANALYSIS_SCHEMA": ("result", "ANALYSIS_SCHEMA"),
    "ANALYSIS_SCHEMA_VERSION": ("result", "ANALYSIS_SCHEMA_VERSION"),
    "AnalysisResult": ("result", "AnalysisResult"),
    "CONTACTS_NEEDED": ("result", "CONTACTS_NEEDED"),
    "json_schema": ("result", "json_schema"),
    "SCHEMA_PATH": ("result", "SCHEMA_PATH"),
    "Suppressed": ("result", "Suppressed"),
    "check_segments": ("segments", "check_segments"),
    "segment_cases": ("segments", "segment_cases"),
    # The report's histogram buckets, (label, upper edge) each, for tools that bucket alike.
    "CONTACT_BUCKETS": ("metrics.histograms", "CONTACT_BUCKETS"),
    "DURATION_BUCKETS": ("metrics.histograms", "DURATION_BUCKETS"),
    "EVENT_BUCKETS": ("metrics.histograms", "EVENT_BUCKETS"),
    "import_log_on_spark": ("spark_store", "import_log_on_spark"),
    "suggest_step_links": ("step_links", "suggest_step_links"),
    "import_log": ("store", "import_log"),
    "StoredLog": ("store", "StoredLog"),
    "hidden_cells": ("suppression", "hidden_cells"),
    "suppress": ("suppression", "suppress"),
    "write_synth": ("synth", "write_synth"),
    "write_log": ("writers", "write_log"),
}


def __getattr__(name: str) -> object:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ANALYSIS_SCHEMA",
    "ANALYSIS_SCHEMA_VERSION",
    "AVOIDABLE_CATEGORIES",
    "AVOIDABLE_SEQUENCE_RULES",
    "CONTACTS_NEEDED",
    "CONTACT_BUCKETS",
    "DURATION_BUCKETS",
    "EVENT_BUCKETS",
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
