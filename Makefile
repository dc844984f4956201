# The two commands of the README: `make demo` and `make test`. Both start from nothing.
.PHONY: demo test install install-dev lint

demo: install
	.venv/bin/journeymap demo

test: install-dev
	bash scripts/test.sh

install:
	bash scripts/system-deps.sh runtime
	bash scripts/bootstrap.sh

install-dev:
	bash scripts/system-deps.sh test
	bash scripts/bootstrap.sh dev

lint: install-dev
	.venv/bin/ruff check .
