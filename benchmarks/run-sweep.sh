#!/usr/bin/env bash
# The reduced sweep behind RESULTS.md (about 15 minutes on 2 busy cores), then the report step.
# usage: benchmarks/run-sweep.sh OUTDIR     (needs: mvn -q install -pl benchmarks -DskipTests)
# Each part is one JMH run; all share the generated files in OUTDIR/data.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:?OUTDIR}" && cd "$1" && pwd)
JAR=$(ls "$HERE"/target/trajstream-benchmarks-*-jmh.jar | head -n 1)
DATA="$OUT/data"
COMMON=(-f 1 -wi 2 -i 3 -w 1s -r 1s -p atoms=5000 -p frames=300 -jvmArgsAppend "-Dtrajstream.bench.data=$DATA")
jmh() { local name=$1; shift; java -jar "$JAR" "$@" "${COMMON[@]}" -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1; echo "done: $name"; }

# 1. read sweep, memory and local file: chunk length x threads, zarrmd + blosc-lz4
jmh sweep-local 'TrajectoryBenchmarks.read$' -p store=memory,file -p format=zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=1,10,100,auto -p threads=1,2,4,8,16
# 2. read sweep, simulated object store (25 ms one way, 100 MB/s): chunk length x threads. Chunk 1 is left out here:
#    opening a 1-frame-chunk zarrmd reads every step/time chunk (4 per frame), tens of seconds per open at 50 ms RTT
jmh sweep-latency 'TrajectoryBenchmarks.read$' -p store=latency -p format=zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=10,100,auto -p threads=1,4,16
# 3. formats x compressors: read and open, memory store, 100-frame chunks, 2 threads
jmh formats 'TrajectoryBenchmarks.(read|open)$' -p store=memory -p format=h5md,zarrmd \
  -p compressor=none,gzip,blosc-lz4,blosc-zstd -p chunkFrames=100 -p threads=2
# 4. open latency on the simulated object store, and H5MD's read there
jmh latency-open 'TrajectoryBenchmarks.(read|open)$' -p store=latency -p format=h5md,zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=10,100 -p threads=4
# 5. rmsd through the analysis engine
jmh rmsd 'TrajectoryBenchmarks.rmsd$' -p store=memory,latency -p format=h5md -p compressor=blosc-lz4 \
  -p chunkFrames=100 -p threads=1,2,4

"$HERE/merge-json.sh" "$OUT"/{sweep-local,sweep-latency,formats,latency-open,rmsd}.json > "$OUT/all.json"
java -cp "$JAR" io.trajstream.benchmarks.report.JmhReport "$OUT/all.json" "$OUT/report"
