#!/usr/bin/env bash
# TrajStream against MDAnalysis (H5MDReader iteration, rms.RMSD), h5py (bulk read) and zarr-python
# (read) on the same files on the same machine, in one go; prints the ratios as a markdown table.
# usage: benchmarks/peers/run.sh [DATA_DIR] [ATOMS] [FRAMES] [CHUNK_FRAMES] [COMPRESSOR] [THREADS] [REPEATS]
#   defaults: a temporary directory, 5000 atoms, 300 frames, auto (12 MiB) chunks, gzip, threads 1,2, 3 repeats.
#   gzip because Debian's h5py has no Blosc plugin, so the Python tools could not read Blosc H5MD.
# Needs the JMH jar (mvn -q install -pl benchmarks -DskipTests) and Python with MDAnalysis, h5py, zarr.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$(mktemp -d)}
ATOMS=${2:-5000}
FRAMES=${3:-300}
CHUNK=${4:-auto}
COMP=${5:-gzip}
THREADS=${6:-1,2}
REPEATS=${7:-3}
PY=${TRAJSTREAM_PYTHON:-/usr/bin/python3}
JAR=$(ls "$HERE"/../target/trajstream-benchmarks-*-jmh.jar | head -n 1)
mkdir -p "$DATA"
OUT="$DATA/trajstream-peers.json"
TRAJSTREAM_PYTHON="$PY" java -cp "$JAR" io.trajstream.benchmarks.peers.PeerRun "$DATA" "$ATOMS" "$FRAMES" "$CHUNK" "$COMP" "$THREADS" "$REPEATS" > "$OUT"
"$PY" "$HERE/peers.py" "$OUT" "$REPEATS"
