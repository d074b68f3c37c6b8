#!/bin/sh
# `make demo`: PLACEHOLDER until the foundation's growth command lands.
set -eu
echo "forecast demo: $1 --version"
"$1" --version
