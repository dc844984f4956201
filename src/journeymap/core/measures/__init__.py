"""Indicators and evaluations of a journey: the ready-made indicators, how each built-in figure
is computed from a map, a contact dataset or citizens' ratings, the comparison of a re-map with
its baseline, and the savings estimate. Pure Python: the web app stores and calls these."""
