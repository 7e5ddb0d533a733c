# nianbao — two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEMO_REPORT := src/nianbao/data/examples/demo_report.txt
DEMO_OUT := out

.PHONY: demo test install install-dev lint clean docs golden

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: $(VENV)/bin/activate
	$(PIP) install -q -e .

# torch comes from the CPU wheel on this machine's disk (never a CUDA build).
# scripts/setup_system.sh installs the system packages the browser and LibreOffice tests need
# (Chromium, LibreOffice Writer, CJK fonts) when they are missing and it runs as root (as in CI).
install-dev: $(VENV)/bin/activate
	bash scripts/setup_system.sh
	$(PIP) install -q "torch==2.13.0"
	$(PIP) install -q -e ".[dev,transformer,serve,dask,ocr]"

demo: install
	@mkdir -p $(DEMO_OUT)
	$(VENV)/bin/nianbao score $(DEMO_REPORT) --format html -o $(DEMO_OUT)/demo-audit.html
	$(VENV)/bin/nianbao score $(DEMO_REPORT)
	@echo "HTML 审查报告已写入 / HTML audit written to: $(DEMO_OUT)/demo-audit.html"

test: install-dev
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/python -m pytest

lint: install-dev
	$(VENV)/bin/ruff check src tests scripts

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .ruff_cache

# Rewrite the golden audits (tests/golden/*.audit.json) after an intended change of findings; review the diff.
golden: install-dev
	$(PY) scripts/update_golden.py
