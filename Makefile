# 工联通: the two commands of the README, and a few more for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench install lint messages clean backup restore

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m federation.config.launcher run

test: $(STAMP)
	$(BIN)/python -m federation.config.launcher test $(PYTEST_ARGS)

# `make bench` runs every benchmark; `make bench tests/benchmarks/test_bench_members.py`
# only the files or folders named. pytest options and node ids go in BENCH_ARGS, e.g.
# BENCH_ARGS='-k "not scale"' or BENCH_ARGS=tests/benchmarks/test_bench_members.py::test_x
ifeq (bench,$(firstword $(MAKECMDGOALS)))
BENCH_PATHS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
ifneq ($(BENCH_PATHS),)
.PHONY: $(BENCH_PATHS)
$(eval $(BENCH_PATHS):;@:)
endif
endif

bench: $(STAMP)
	$(BIN)/python -m federation.config.launcher bench $(BENCH_PATHS) $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/mypy federation tenants workplaces tasks

# the whole database (every schema) and the media files; the embedded make-run data when
# DATABASE_URL is not set. Stop `make run` before a restore.
backup: $(STAMP)
	$(BIN)/python -m federation.config.launcher backup $(BACKUP_DIR)

restore: $(STAMP)
	test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=.data/backups/gonglian-..." && false)
	$(BIN)/python -m federation.config.launcher restore $(BACKUP) --replace

messages: $(STAMP)
	cd federation && ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf .data staticfiles
