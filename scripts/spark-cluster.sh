#!/usr/bin/env bash
# A throwaway Spark on loopback, from the pyspark package's own jars and scripts, on free ports,
# with its logs and scratch space in one folder: a standalone cluster (one master, one worker)
# or a Spark Connect server.
#   scripts/spark-cluster.sh start DIR   -> prints the master URL (spark://127.0.0.1:PORT) and
#                                           writes DIR/conf/spark-defaults.conf for its drivers
#                                           (use it with SPARK_CONF_DIR=DIR/conf)
#   scripts/spark-cluster.sh connect DIR -> a Spark Connect server (its driver runs local[2]);
#                                           prints its URL (sc://127.0.0.1:PORT). It listens on
#                                           loopback only: Connect has no authentication.
#   scripts/spark-cluster.sh stop DIR    -> stops what DIR started (by the ids written in it)
#                                           and removes DIR
# Used by scripts/test.sh for the cluster parity tests; handy to try `--spark-master` by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?start or stop}
dir=${2:?a folder for the cluster}
python=.venv/bin/python

stop() {
  for name in connect worker master; do
    if [ -f "$dir/$name.pid" ]; then
      kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
    fi
  done
  for name in connect worker master; do
    if [ -f "$dir/$name.pid" ]; then
      pid=$(cat "$dir/$name.pid")
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
}

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {  # wait_for FILE TEXT SECONDS
  for _ in $(seq 1 $(( $3 * 2 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "Spark did not start: no '$2' in $1 after $3 s" >&2
  tail -n 20 "$1" >&2 || true
  return 1
}

if [ "$action" = "stop" ]; then
  stop
  exit 0
fi

command -v java >/dev/null 2>&1 || { echo "Java not found (run scripts/system-deps.sh test)" >&2; exit 1; }
spark_home=$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
mkdir -p "$dir/work" "$dir/local" "$dir/conf"
# Sized for two cores and small test logs: Spark's 200 shuffle partitions would make hundreds
# of tiny tasks per query. A council's cluster sets its own (see docs/spark.md).
echo "spark.sql.shuffle.partitions 4" >"$dir/conf/spark-defaults.conf"
export SPARK_HOME=$spark_home SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$dir/local"
export SPARK_LOG_DIR="$dir" SPARK_WORKER_DIR="$dir/work" PYSPARK_PYTHON="$PWD/$python"
if [ "$action" = "connect" ]; then
  port=$(free_port)
  # spark-submit ends in `exec java`, so the id written is the server's own.
  "$spark_home/bin/spark-submit" --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --master 'local[2]' --name journeymap-connect --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions=4 --conf spark.connect.grpc.binding.address=127.0.0.1 \
    --conf spark.connect.grpc.binding.port="$port" spark-internal >"$dir/connect.log" 2>&1 &
  echo $! >"$dir/connect.pid"
  if ! wait_for "$dir/connect.log" "Spark Connect server started at" 180; then stop; exit 1; fi
  echo "sc://127.0.0.1:$port"
  exit 0
fi
port=$(free_port)
"$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$port" --webui-port "$(free_port)" >"$dir/master.log" 2>&1 &
echo $! >"$dir/master.pid"
if ! wait_for "$dir/master.log" "I have been elected leader" 120; then stop; exit 1; fi
"$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" \
  --host 127.0.0.1 --cores 2 --memory 2g --webui-port "$(free_port)" --work-dir "$dir/work" \
  >"$dir/worker.log" 2>&1 &
echo $! >"$dir/worker.pid"
if ! wait_for "$dir/worker.log" "Successfully registered with master" 120; then stop; exit 1; fi
echo "spark://127.0.0.1:$port"
