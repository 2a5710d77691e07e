# asm-course: two commands for everyone.
#   make lab    create .venv, install the pinned course environment, open JupyterLab
#               (make lab PORT=9000 LANG=es: choose the port and the language)
#   make test   the whole test suite (what CI runs)
# Maintainer targets: make release (regenerate exercises/ from solutions/),
# make course (re-execute the stored course notebooks), make bench,
# make new-module N=05 SLUG=mercury (MAINTAINING.md), make remove-module N=05.
# make site (the read-only web copy of the course in build/site, built offline),
# make hub-setup (the workshop server: JupyterHub and its npm proxy; see deploy/jupyterhub).

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test release course bench site hub-setup clean new-module remove-module

# `make lab PORT=9000` chooses the port (the next free one when it is busy); `make lab LANG=es`
# the language. LANG given on the command line is the course language, not the locale: it
# is passed on as --lang and kept out of the programs' environment.
LAB_ARGS := $(if $(PORT),--port $(PORT))
ifeq ($(origin LANG),command line)
LAB_ARGS += --lang $(LANG)
unexport LANG
endif

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (nbgrader 0.9.6 requires it). Install it, or run: make PYTHON=/path/to/python3.11"; exit 1; }
	@echo "Setting up the course environment in $(VENV) (the first time takes a few minutes) ..."
	@test -x $(BIN)/python || { echo "  creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "  updating pip"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m asm_course.lab_install $(VENV)/install.log -c constraints.txt -e ".[test,hub]"
	@touch $@

lab: $(STAMP)
	@$(BIN)/asm-course lab $(LAB_ARGS)

# The workshop server's proxy (configurable-http-proxy), pinned by package-lock.json, from npm.
PROXY := deploy/jupyterhub/node_modules/.installed
$(PROXY): deploy/jupyterhub/package.json deploy/jupyterhub/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm (Node.js 20 or newer) is needed for the workshop server's proxy: apt-get install nodejs npm"; exit 1; }
	npm ci --prefix deploy/jupyterhub --no-audit --no-fund --cache $(CURDIR)/.cache/npm --loglevel=error
	@touch $@

hub-setup: $(STAMP) $(PROXY)

# Tests never write into $$HOME: every tool's home/cache goes under .cache/test-home.
TESTHOME := $(CURDIR)/.cache/test-home
test: export PIP_CACHE_DIR       := $(TESTHOME)/pip
test: export XDG_CACHE_HOME      := $(TESTHOME)/cache
test: export XDG_CONFIG_HOME     := $(TESTHOME)/config
test: export XDG_DATA_HOME       := $(TESTHOME)/data
test: export JUPYTER_CONFIG_DIR  := $(TESTHOME)/jupyter/config
test: export JUPYTER_DATA_DIR    := $(TESTHOME)/jupyter/data
test: export JUPYTER_RUNTIME_DIR := $(TESTHOME)/jupyter/runtime
test: export IPYTHONDIR          := $(TESTHOME)/ipython
test: export MPLCONFIGDIR        := $(TESTHOME)/matplotlib
test: export ASM_COURSE_HOME     := $(TESTHOME)/asm-course
test: $(STAMP) $(PROXY)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

release: $(STAMP)
	$(BIN)/python -m asm_course.authoring release

course: $(STAMP)
	$(BIN)/python -m asm_course.authoring execute-course

# A new module from the scaffold: make new-module N=05 SLUG=mercury [CONCEPT=mercury] [TITLE="Mercury"]
new-module: $(STAMP)
	$(BIN)/python -m asm_course.scaffold new $(N) $(SLUG) $(if $(CONCEPT),--concept $(CONCEPT)) $(if $(TITLE),--title "$(TITLE)")

remove-module: $(STAMP)
	$(BIN)/python -m asm_course.scaffold remove $(N)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_data.py
	$(BIN)/python benchmarks/bench_autograde.py

site: $(STAMP)
	$(BIN)/python -m asm_course.site --out build/site

clean:
	rm -rf $(VENV) .cache
