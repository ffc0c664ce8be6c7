#!/usr/bin/env bash
# Concatenates JMH JSON result files (each a JSON array) into one array on stdout.
set -euo pipefail
python3 -c 'import json,sys; print(json.dumps([r for f in sys.argv[1:] for r in json.load(open(f))], indent=1))' "$@"
