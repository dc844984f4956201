#!/usr/bin/env bash
# The whole test suite on a throwaway PostgreSQL (lint, migrations check, pytest), then its
# database-dependent part again on SQLite, the embedded default, so both databases are proven.
# Extra arguments go to both pytest runs (e.g. scripts/test.sh -m "not slow" -x). Last, with the
# whole suite (no arguments) or JOURNEYMAP_TEST_SPARK_CLUSTER=1, the Spark cluster parity tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found (run scripts/system-deps.sh test)"; exit 1; }
pg_dir=$(mktemp -d /tmp/journeymap-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: run it as Debian's postgres user.
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
spark_dir=""
connect_dir=""
stop_all() {
  [ -z "$spark_dir" ] || bash scripts/spark-cluster.sh stop "$spark_dir" || true
  [ -z "$connect_dir" ] || bash scripts/spark-cluster.sh stop "$connect_dir" || true
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_all EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U journeymap -A trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c full_page_writes=off" start >/dev/null

export DATABASE_URL="postgres://journeymap@127.0.0.1:$port/journeymap"
export JOURNEYMAP_SECRET_KEY="test-only-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')"
export JOURNEYMAP_DATA_DIR="$pg_dir/jmdata"
mkdir -p "$JOURNEYMAP_DATA_DIR/static"
"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U journeymap journeymap

echo "== ruff"
.venv/bin/ruff check .
echo "== migrations are up to date"
.venv/bin/python -m django makemigrations --check --dry-run --settings=journeymap.web.settings
echo "== pytest on PostgreSQL (port $port)"
.venv/bin/python -m pytest "$@"
# Only the tests that use the test database run twice (tests/conftest.py picks them): the core
# tests and the CLI tests that run in their own process (always on a SQLite data folder) need no
# second run, and the browser tests, the slowest, drive the same views the web tests cover.
echo "== pytest on SQLite (the tests that use the database)"
status=0
env -u DATABASE_URL JOURNEYMAP_TESTS_DATABASE_ONLY=1 .venv/bin/python -m pytest "$@" || status=$?
# Exit status 5 means no test was selected: arguments that name only core or browser tests.
[ "$status" -eq 0 ] || [ "$status" -eq 5 ] || exit "$status"
# A real standalone Spark master and worker on loopback, from pyspark's own scripts, and the
# tests that import and analyse on it against DuckDB, in a process of their own (a process
# holds one Spark driver, and the runs above started a local one); then the same tests through
# a Spark Connect server, again in a process of their own (a Connect session switches pyspark
# into Connect mode for the whole process). Each is stopped once its tests ran, and by the trap
# on failure.
if [ $# -eq 0 ] && [ "${JOURNEYMAP_TEST_SPARK_CLUSTER:-1}" = "1" ] \
  || [ "${JOURNEYMAP_TEST_SPARK_CLUSTER:-}" = "1" ]; then
  echo "== pytest on a standalone Spark cluster"
  spark_dir=$(mktemp -d /tmp/journeymap-spark.XXXXXX)
  master=$(bash scripts/spark-cluster.sh start "$spark_dir")
  JOURNEYMAP_TEST_SPARK_MASTER="$master" SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$spark_dir/conf" \
    .venv/bin/python -m pytest -m spark_cluster tests/core/analytics/test_spark_cluster.py
  bash scripts/spark-cluster.sh stop "$spark_dir"
  spark_dir=""
  echo "== pytest through a Spark Connect server"
  connect_dir=$(mktemp -d /tmp/journeymap-connect.XXXXXX)
  remote=$(bash scripts/spark-cluster.sh connect "$connect_dir")
  JOURNEYMAP_TEST_SPARK_MASTER="$remote" \
    .venv/bin/python -m pytest -m spark_cluster tests/core/analytics/test_spark_cluster.py
fi
