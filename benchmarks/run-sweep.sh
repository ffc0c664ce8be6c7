#!/usr/bin/env bash
# The reduced sweep behind RESULTS.md (about 10 minutes on 2 cores), then the report step.
# usage: benchmarks/run-sweep.sh OUTDIR     (needs: mvn -q install -pl benchmarks -DskipTests)
#   smoke test of the harness: ATOMS=300 FRAMES=30 ITERATIONS="-wi 0 -i 1 -r 100ms" benchmarks/run-sweep.sh OUTDIR
# Each part is one JMH run; all share the generated files in OUTDIR/data.
# Remote stores: s3 = S3Proxy behind a TCP delay proxy (25 ms one way, 100 MB/s shared), read by our S3 store;
# latency = the same link simulated in process (runtime's LatencyStore), kept as a check of that model.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:?OUTDIR}" && cd "$1" && pwd)
JAR=$(ls "$HERE"/target/trajstream-benchmarks-*-jmh.jar | head -n 1)
DATA="$OUT/data"
COMMON=(-f 1 -p atoms="${ATOMS:-5000}" -p frames="${FRAMES:-300}" -jvmArgsAppend "-Dtrajstream.bench.data=$DATA")
ITERATIONS=${ITERATIONS:-"-wi 2 -i 3 -w 1s -r 1s"}
jmh() {
  local name=$1; shift
  # shellcheck disable=SC2086
  java -jar "$JAR" "$@" $ITERATIONS "${COMMON[@]}" -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1
  echo "done: $name ($(date +%T))"
}

# 1. read sweep, memory and local file: chunk length x threads, zarrmd + blosc-lz4
jmh sweep-local 'TrajectoryBenchmarks.read$' -p store=memory,file -p format=zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=1,10,100,auto -p threads=1,2,4,8,16
# 2. read sweep, S3 API server through the delay proxy, and the in-process model of the same link: chunk length x
#    threads; 1-frame chunks (300 requests per read) on s3 only and with 4 and 16 threads, to keep the run short
jmh sweep-remote 'TrajectoryBenchmarks.read$' -p store=s3,latency -p format=zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=10,100,auto -p threads=1,4,16
jmh sweep-s3-chunk1 'TrajectoryBenchmarks.read$' -p store=s3 -p format=zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=1 -p threads=4,16
# 3. formats x compressors: read and open, memory store, 100-frame chunks, 2 threads
jmh formats 'TrajectoryBenchmarks.(read|open)$' -p store=memory -p format=h5md,zarrmd \
  -p compressor=none,gzip,blosc-lz4,blosc-zstd -p chunkFrames=100 -p threads=2
# 4. open cost on the S3 API server against chunk length; H5MD's read there (zarrmd's is in part 2)
jmh s3-open 'TrajectoryBenchmarks.open$' -p store=s3 -p format=h5md,zarrmd -p compressor=blosc-lz4 \
  -p chunkFrames=1,10,100,auto -p threads=4
jmh s3-h5md 'TrajectoryBenchmarks.read$' -p store=s3 -p format=h5md -p compressor=blosc-lz4 \
  -p chunkFrames=10,100,auto -p threads=4
# 5. rmsd through the analysis engine
jmh rmsd 'TrajectoryBenchmarks.rmsd$' -p store=memory,s3 -p format=h5md -p compressor=blosc-lz4 \
  -p chunkFrames=100 -p threads=1,2,4

"$HERE/merge-json.sh" "$OUT"/{sweep-local,sweep-remote,sweep-s3-chunk1,formats,s3-open,s3-h5md,rmsd}.json > "$OUT/all.json"
java -cp "$JAR" io.trajstream.benchmarks.report.JmhReport "$OUT/all.json" "$OUT/report"
