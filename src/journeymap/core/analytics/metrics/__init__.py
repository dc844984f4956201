"""Metric families, each Ibis expressions over the stored events (`journeymap.core.analytics`).

Every module takes Ibis tables and returns plain Python data, so the same code runs on DuckDB
and PySpark; nothing here knows which engine it is on.
"""
