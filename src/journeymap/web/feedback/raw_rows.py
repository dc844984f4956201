"""The public form's few hot statements, without the ORM's query compiler.

Every page of the citizen's form looks its link up (and its first page the map's steps and
languages), and every response inserts itself and its answers. Through the ORM, compiling
those queries and inserts cost more of the server's CPU than anything else a page does (the
link's look-up 0.6 ms, the answers' `bulk_create` 0.5 ms, against 0.06-0.1 ms for the same
statements sent as text). So their SQL is built here once per process from the models' own
metadata (table and column names, quoted by the database's own rules), values go through each
field's own conversion both ways (`get_db_prep_save` in, `from_db_value` and the backend's
converters out), and instances are made with `from_db`, as the ORM makes them. The same
statements run on PostgreSQL and SQLite.
"""

import functools
from collections.abc import Iterable, Sequence

from django.db import connection, models

from journeymap.web.accounts.models import Organisation
from journeymap.web.feedback.models import FeedbackLink
from journeymap.web.journeys.models import Journey, JourneyMap


def _converters(column) -> list:
    """What the ORM applies to a column's value read from the database (e.g. JSON text to
    Python, SQLite's datetime text to datetime)."""
    return [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]


def _instance(model: type[models.Model], names: list[str], columns: list, values: Sequence
              ) -> models.Model:
    """`model` made from the `values` of its fields `names` as the ORM makes it from a row (the
    fields not named are deferred); `columns` holds each one's column expression and
    converters."""
    converted = []
    for (column, converters), value in zip(columns, values, strict=True):
        for converter in converters:
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)


# Each model, and the fields the form reads of it (None: all); the others are left deferred,
# loaded only if something reads them, as `.only()` leaves them: a map's JSON (its persona,
# stages and lanes) can be large, and the form never shows it.
_LINK_JOINS = (
    ("l", FeedbackLink, None),
    ("m", JourneyMap, ("id", "organisation", "journey", "title")),
    ("j", Journey, ("id", "organisation", "title")),
    ("o", Organisation, ("id", "name", "slug")),
)


@functools.cache
def _link_select(vendor: str) -> tuple[str, tuple]:
    """The link-by-token SELECT on `vendor`'s database, and what to build from each row."""
    quote = connection.ops.quote_name
    columns, plan = [], []
    for alias, model, names in _LINK_JOINS:
        fields = (model._meta.concrete_fields if names is None
                  else [model._meta.get_field(name) for name in names])
        columns += [f"{alias}.{quote(field.column)}" for field in fields]
        plan.append((model, [field.attname for field in fields],
                     [(column, _converters(column))
                      for column in (field.get_col(alias) for field in fields)]))
    link, journey_map, journey, organisation = (model._meta for _, model, _ in _LINK_JOINS)

    def column(alias: str, meta, name: str) -> str:
        return f"{alias}.{quote(meta.get_field(name).column)}"

    sql = (f"SELECT {', '.join(columns)} FROM {quote(link.db_table)} l "  # noqa: S608 - quoted names
           f"JOIN {quote(journey_map.db_table)} m "
           f"ON {column('m', journey_map, 'id')} = {column('l', link, 'journey_map')} "
           f"JOIN {quote(journey.db_table)} j "
           f"ON {column('j', journey, 'id')} = {column('m', journey_map, 'journey')} "
           f"JOIN {quote(organisation.db_table)} o "
           f"ON {column('o', organisation, 'id')} = {column('l', link, 'organisation')} "
           f"WHERE {column('l', link, 'token_hash')} = %s")
    return sql, tuple(plan)


def link_with_map_and_organisation(token_hash: str) -> FeedbackLink | None:
    """The link whose token hashes to `token_hash`, with what the form reads of its map, the
    map's journey (whose title the first page shows) and its organisation (see _LINK_JOINS)."""
    sql, plan = _link_select(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    built, start = [], 0
    for model, names, columns in plan:
        built.append(_instance(model, names, columns, row[start:start + len(names)]))
        start += len(names)
    link, journey_map, journey, organisation = built
    journey_map.journey = journey
    link.journey_map = journey_map
    link.organisation = organisation
    return link


@functools.lru_cache(maxsize=64)
def _values_sql(vendor: str, model: type[models.Model], column: str, where: str,
                order_by: tuple[str, ...]) -> str:
    quote, meta = connection.ops.quote_name, model._meta

    def name(field: str) -> str:
        return quote(meta.get_field(field).column)

    sql = (f"SELECT {name(column)} FROM {quote(meta.db_table)} "  # noqa: S608 - quoted names
           f"WHERE {name(where)} = %s")
    return f"{sql} ORDER BY {', '.join(map(name, order_by))}" if order_by else sql


def values_of(model: type[models.Model], column: str, *, where: str, equals: object,
              order_by: tuple[str, ...] = ()) -> list:
    """`column`'s value in each row of `model` whose field `where` equals `equals`, in the
    order of `order_by` (fields) if given: a one-column read as text."""
    with connection.cursor() as cursor:
        cursor.execute(_values_sql(connection.vendor, model, column, where, order_by), [equals])
        return [value for (value,) in cursor.fetchall()]


@functools.lru_cache(maxsize=64)
def _insert_sql(vendor: str, model: type[models.Model], rows: int, returning: bool) -> str:
    quote = connection.ops.quote_name
    fields = _inserted_fields(model)
    placeholders = f"({', '.join(['%s'] * len(fields))})"
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - quoted names
           f"({', '.join(quote(field.column) for field in fields)}) "
           f"VALUES {', '.join([placeholders] * rows)}")
    return f"{sql} RETURNING {quote(model._meta.pk.column)}" if returning else sql


def _inserted_fields(model: type[models.Model]) -> list[models.Field]:
    """Every stored field but the database-generated key."""
    return [field for field in model._meta.concrete_fields
            if not (field.primary_key and field.db_returning)]


def insert(objects: Iterable[models.Model], *, returning_keys: bool = False) -> None:
    """INSERT `objects` (all of one model, already validated, foreign keys set by id) in one
    statement; with `returning_keys`, each gets the key the database gave it (rows come back
    in the order inserted, as `bulk_create` also relies on). Constraint violations raise
    Django's IntegrityError, as `save()` would."""
    objects = list(objects)
    if not objects:
        return
    model = type(objects[0])
    fields = _inserted_fields(model)
    values = [field.get_db_prep_save(field.pre_save(obj, add=True), connection)
              for obj in objects for field in fields]
    sql = _insert_sql(connection.vendor, model, len(objects), returning_keys)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        keys = cursor.fetchall() if returning_keys else ()
    for obj, (key,) in zip(objects, keys, strict=False):
        obj.pk = key
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
