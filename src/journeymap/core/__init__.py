"""Pure-Python heart of journeymap: map schema, rendering, files, statistics, analytics.

Nothing under `journeymap.core` may import Django or `journeymap.web`; a test enforces it.
"""
