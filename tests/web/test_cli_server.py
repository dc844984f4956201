"""`journeymap serve` runs gunicorn with the production settings (web/gunicorn_config.py), the
same the benchmarks start it with."""

from journeymap.cli.server import gunicorn_application
from journeymap.web import gunicorn_config


def test_serve_runs_threaded_workers_that_keep_connections_alive():
    server = gunicorn_application(host="127.0.0.1", port=8123, workers=3)
    assert server.cfg.worker_class_str == "gthread"
    assert server.cfg.threads == gunicorn_config.threads > 1
    assert server.cfg.keepalive == gunicorn_config.keepalive > 0
    assert (server.cfg.bind, server.cfg.workers) == (["127.0.0.1:8123"], 3)
