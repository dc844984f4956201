"""How the production server runs the application: gunicorn's settings, read by `journeymap
serve` and by the benchmarks that measure it (`gunicorn -c python:journeymap.web.gunicorn_config`).

Threaded workers keep each client's connection open between its requests (HTTP keep-alive); a
sync worker closes it after every answer, so every page of the citizen's form paid for a new
TCP connection, about 0.9 ms of the server's CPU on each (feedback_load.py, which reports the
server's CPU per request). A thread waiting on the database leaves its process's other threads
to use the core. Each thread holds its own database connection (CONN_MAX_AGE).
"""

worker_class = "gthread"
threads = 4
keepalive = 5  # seconds an idle connection is kept: a citizen reads each page for longer
