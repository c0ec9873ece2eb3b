# kubectl-profiles: the developer's entry points. `make help` lists them.
#
# Everything runs from a virtual environment in .venv (Debian's system Python refuses `pip install`
# outside one). Its bin/ goes first on PATH, so that kubectl finds the `kubectl-profiles` plugin.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(CURDIR)/$(VENV)/bin
DEVENV := $(BIN)/python -m kubectl_profiles.devenv
PYTEST_ARGS ?=
export PATH := $(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help install install-test provision cluster-up cluster-down cluster-status demo test test-unit \
        lint sync-crds bench image local-env clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { echo "error: cannot create a virtual environment; on Debian run 'apt-get install python3-venv'" >&2; exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed ## Install the plugin and the webhook into .venv
install-test: $(VENV)/.installed-test ## Install the test dependencies into .venv

provision: $(VENV)/.installed-test ## Get etcd and kube-apiserver (envtest assets, the cache, or a Debian build)
	$(DEVENV) provision

cluster-up: provision ## Start the local control plane and the webhook (kubeconfig: .cluster/kubeconfig)
	$(DEVENV) up

cluster-down: ## Stop the local control plane and remove its state
	@if [ -x $(BIN)/python ]; then $(DEVENV) down; else echo "nothing to stop"; fi

cluster-status: ## Show the local control plane's state
	$(DEVENV) status

demo: cluster-up ## Set everything up and tour the main job
	bash hack/demo.sh

sync-crds: $(VENV)/.installed ## Copy crds/ into the package and the chart, regenerate the schema checks (tests compare)
	cp crds/*.yaml kubectl_profiles/crds/
	cp crds/*.yaml charts/kubectl-profiles/crds/
	$(BIN)/python -m kubectl_profiles.schema

lint: $(VENV)/.installed-test ## ruff (lint and format), mypy --strict and the import-layer contracts
	$(BIN)/ruff check kubectl_profiles webhook controller tests bench
	$(BIN)/ruff format --check kubectl_profiles webhook controller tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install-test provision ## Install test dependencies and run the whole suite, integration tests included
	$(MAKE) --no-print-directory lint
	@rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

test-unit: install-test ## Only the tests that need no control plane
	$(BIN)/python -m pytest -m 'not integration' $(PYTEST_ARGS)

bench: install-test provision ## Run the benchmarks (see bench/README.md); installs wrk if missing
	$(DEVENV) bench-tools
	$(BIN)/python bench/validate.py
	$(BIN)/python bench/webhook.py
	$(BIN)/python bench/plugin.py
	$(BIN)/python bench/controller.py
	$(BIN)/python bench/helmindex.py

image: ## Build the webhook's container image (needs a Docker engine)
	docker build -t kubectl-profiles-webhook:dev .

local-env: ## A kind cluster with the chart and the example catalogs (needs Docker, kind and helm)
	bash hack/local-env.sh

clean: cluster-down ## Remove the virtual environment and build output
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
