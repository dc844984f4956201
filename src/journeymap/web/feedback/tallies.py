"""The running tallies behind the map page's feedback figures, kept in each response's transaction.

A response adds one to its map's response count and, for each step it rated, one to that step's
count of the rating, overall and under each segment answer it gave. Each is one upsert
(`INSERT ... ON CONFLICT DO UPDATE`, on PostgreSQL and SQLite alike), so concurrent submissions
never lose a count. Being in the same transaction as the response, a killed worker leaves
either both or neither.

An updated row stays locked until its transaction commits, which waits for the disk; with one
row per count, every submission to a map would queue behind the one before it through that
wait. So each count is split over TALLY_SHARDS rows, a submission adds to one shard picked at
random, and readers add the shards up: concurrent submissions mostly take different rows and
commit together. Rows are taken in one fixed order (steps' rows sorted, the map's row last) so
two transactions cannot each wait for the other, and last in the transaction, so they are held
only until it commits. On PostgreSQL both upserts are one statement, one round trip: the steps'
in a WITH clause whose rows the map's upsert counts first, which keeps that order.
"""

import random

from django.db import connection

from journeymap.web.feedback.models import (
    TALLY_SHARDS,
    FeedbackLink,
    MapResponseTally,
    StepRatingTally,
)


def tally_rows(by_step: dict[int, dict], segments: dict[str, str]) -> list[tuple]:
    """(step id, question, answer, rating) for each count one response adds, in lock order."""
    rows = []
    for step_id, fields in by_step.items():
        if fields.get("rating") is None:
            continue
        rows.append((step_id, "", "", fields["rating"]))
        rows.extend((step_id, question, answer, fields["rating"])
                    for question, answer in segments.items())
    return sorted(rows)


def _upserts() -> tuple[str, str]:
    """The two upserts, steps' then map's, with the tables' quoted names (only values are
    parameters); the steps' has a {values} slot for its rows, the map's a {row} slot."""
    steps = connection.ops.quote_name(StepRatingTally._meta.db_table)
    maps = connection.ops.quote_name(MapResponseTally._meta.db_table)
    step_sql = (
        f"INSERT INTO {steps} (organisation_id, journey_map_id, step_id, question, answer, "  # noqa: S608 - quoted name
        f"rating, shard, count) VALUES {{values}} ON CONFLICT (step_id, question, answer, "
        f"rating, shard) DO UPDATE SET count = {steps}.count + 1")
    map_sql = (
        f"INSERT INTO {maps} (organisation_id, journey_map_id, shard, responses) "
        f"{{row}} ON CONFLICT (journey_map_id, shard) "
        f"DO UPDATE SET responses = {maps}.responses + 1")
    return step_sql, map_sql


def tally_response(*, link: FeedbackLink, by_step: dict[int, dict],
                   segments: dict[str, str]) -> None:
    """Count one new response; call it inside the transaction that stores the response."""
    step_sql, map_sql = _upserts()
    rows = tally_rows(by_step, segments)
    shard = random.randrange(TALLY_SHARDS)  # noqa: S311 - spreads writes, secures nothing
    step_sql = step_sql.format(values=", ".join(["(%s, %s, %s, %s, %s, %s, %s, 1)"] * len(rows)))
    step_values = [value for row in rows
                   for value in (link.organisation_id, link.journey_map_id, *row, shard)]
    map_values = [link.organisation_id, link.journey_map_id, shard]
    with connection.cursor() as cursor:
        if rows and connection.vendor == "postgresql":
            # The map's row is made from the count of the steps' upserted rows, so they are all
            # taken before it (statements in a WITH clause otherwise run in no set order).
            map_row = "SELECT %s, %s, %s, 1 FROM (SELECT count(*) FROM steps) AS taken"
            cursor.execute(f"WITH steps AS ({step_sql} RETURNING 1) "
                           + map_sql.format(row=map_row), [*step_values, *map_values])
            return
        if rows:
            cursor.execute(step_sql, step_values)
        cursor.execute(map_sql.format(row="VALUES (%s, %s, %s, 1)"), map_values)
