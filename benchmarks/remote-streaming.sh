#!/usr/bin/env bash
# Whole-process remote streaming through a modelled link (issue: remote streaming at link speed).
# Usage: benchmarks/remote-streaming.sh TRAJ.h5md [OUT.md]
# Serves the H5MD file and its zarrmd conversion (auto chunks) from nginx (static files) and from
# an embedded S3Proxy, each behind FaultProxy (25 ms one way, 100 MB/s shared, 25 MB/s per
# connection; LINK_DELAY_MS / LINK_BW / LINK_CONN override), and times `trajstream analyze rg`
# whole process for 1/4/16 I/O threads, against the same command on local files, against the bytes
# alone through the same link (4 parallel ranged GETs with curl) and, for H5MD over HTTP, against
# h5py + fsspec. Needs nginx (nginx-light), curl, python3 with h5py and fsspec; run after the
# README's build and `mvn -pl benchmarks -am package -DskipTests`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=$(readlink -f "${1:?usage: remote-streaming.sh TRAJ.h5md [OUT.md]}")
out=${2:-/dev/stdout}
jar=$(ls "$here"/benchmarks/target/trajstream-benchmarks-*-jmh.jar | head -1)
work=$(mktemp -d); trap 'kill ${nginx_pid:-} ${link_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www"; chmod 755 "$work"
ln "$src" "$work/www/traj.h5md" 2>/dev/null || cp "$src" "$work/www/traj.h5md"
"$here/trajstream" convert "$work/www/traj.h5md" "$work/www/traj.zarrmd" >/dev/null 2>&1
stored() { du -sb --apparent-size "$1" | cut -f1; }

# nginx on a free port, static files only.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; error_log $work/nginx/logs/error.log; pid $work/nginx/nginx.pid;
events { worker_connections 512; }
http { access_log off; sendfile on; keepalive_requests 10000;
  server { listen 127.0.0.1:$port; root $work/www; location / { autoindex off; } } }
CONF
nginx=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" & nginx_pid=$!

coproc LINK { exec java -cp "$jar" io.trajstream.benchmarks.link.LinkServers "$work/www" --http-port "$port" \
  --delay-ms "${LINK_DELAY_MS:-25}" --bandwidth "${LINK_BW:-100MB}" --per-connection "${LINK_CONN:-25MB}" 2>"$work/link.err"; }
link_pid=$LINK_PID
s3_line=""; http_root=""
while read -r line <&"${LINK[0]}"; do
  case "$line" in
    s3\ *) s3_line=${line#s3 } ;;
    http\ *) http_root=${line#http } ;;
    ready) break ;;
  esac
done
s3_root=${s3_line%% *}; read -r -a s3_opts <<< "${s3_line#* }"
stats() { echo stats >&"${LINK[1]}"; read -r line <&"${LINK[0]}"; echo "$line"; }
bytes_of() { sed -n "s/.*$1_bytes=\([0-9]*\).*/\1/p" <<< "$2"; }
conns_of() { sed -n "s/.*$1_connections=\([0-9]*\).*/\1/p" <<< "$2"; }
reqs_of() { sed -n "s/.*$1_requests=\([0-9]*\).*/\1/p" <<< "$2"; }
now() { date +%s.%N; }
best_of() { # best of N runs of a command, in seconds
  local n=$1; shift; local ts=()
  for _ in $(seq "$n"); do
    local t0; t0=$(now)
    "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; return 1; }
    ts+=("$(echo "$(now) - $t0" | bc -l)")
  done
  printf '%s\n' "${ts[@]}" | sort -g | head -1 | xargs printf '%.2f'
}
runs=${RUNS:-2}
alone() { # the bytes alone: 4 parallel ranged GETs of each object through the link
  local url=$1 size=$2 q=$(( ($2 + 3) / 4 ))
  for i in 0 1 2 3; do
    local a=$(( i * q )) b=$(( (i + 1) * q - 1 )); [ $b -ge $((size - 1)) ] && b=$((size - 1))
    curl -s -o /dev/null -r "$a-$b" "$url" &
  done; wait
}
alone_zarr() { # every object of the zarrmd, 4 at a time
  (cd "$work/www" && find traj.zarrmd -type f) | xargs -P 4 -I{} curl -s -o /dev/null "${http_root}{}"
}
# The same through the S3 link, from S3Proxy itself (curl signs with AWS Signature V4): the floor for
# the s3 rows, since the server's own cost is part of the link a reader of that store has.
s3opt() { local o; for o in "${s3_opts[@]}"; do case "$o" in "$1="*) echo "${o#*=}" ;; esac; done; }
s3_endpoint=$(s3opt s3.endpoint); s3_region=$(s3opt s3.region)
s3_bucket=${s3_root#s3://}; s3_bucket=${s3_bucket%%/*}
s3curl() { # KEY [RANGE]: one signed GET, body discarded; fails on an error status
  curl -sf -o /dev/null --aws-sigv4 "aws:amz:${s3_region:-us-east-1}:s3" \
    --user "$(s3opt s3.access-key-id):$(s3opt s3.secret-access-key)" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    ${2:+-r "$2"} "$s3_endpoint/$s3_bucket/$1"
}
alone_s3() {
  local key=$1 size=$2 q=$(( ($2 + 3) / 4 ))
  for i in 0 1 2 3; do
    local a=$(( i * q )) b=$(( (i + 1) * q - 1 )); [ $b -ge $((size - 1)) ] && b=$((size - 1))
    s3curl "$key" "$a-$b" &
  done; wait
}
alone_s3_zarr() {
  export -f s3curl s3opt; export s3_endpoint s3_region s3_bucket
  (cd "$work/www" && find traj.zarrmd -type f) | S3_OPTS="${s3_opts[*]}" xargs -P 4 -I{} bash -c 's3_opts=($S3_OPTS); s3curl "$1"' _ {}
}
h5size=$(stored "$work/www/traj.h5md"); zsize=$(stored "$work/www/traj.zarrmd")
t_alone_h5=$(best_of "$runs" alone "${http_root}traj.h5md" "$h5size")
t_alone_z=$(best_of "$runs" alone_zarr)
t_alone_s3_h5=$(best_of "$runs" alone_s3 traj.h5md "$h5size")
t_alone_s3_z=$(best_of "$runs" alone_s3_zarr)
t_local_h5=$(best_of "$runs" "$here/trajstream" analyze rg "$work/www/traj.h5md" --threads 2)
t_local_z=$(best_of "$runs" "$here/trajstream" analyze rg "$work/www/traj.zarrmd" --threads 2)
{
echo "| store | format | I/O threads | time (s) | local (s) | bytes alone (s) | fetched / stored | requests | connections | efficiency |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for store in http s3; do
  for fmt in h5md zarrmd; do
    if [ "$fmt" = h5md ]; then size=$h5size; tl=$t_local_h5; ta=$t_alone_h5; else size=$zsize; tl=$t_local_z; ta=$t_alone_z; fi
    if [ "$store" = s3 ]; then if [ "$fmt" = h5md ]; then ta=$t_alone_s3_h5; else ta=$t_alone_s3_z; fi; fi
    for io in 1 4 16; do
      if [ "$store" = http ]; then url="${http_root}traj.$fmt"; opts=(); else url="${s3_root}traj.$fmt"; opts=("${s3_opts[@]}"); fi
      before=$(stats)
      t=$(best_of "$runs" "$here/trajstream" analyze rg "$url" --threads 2 --io-threads "$io" "${opts[@]}")
      after=$(stats)
      fetched=$(( ($(bytes_of $store "$after") - $(bytes_of $store "$before")) / runs ))
      conns=$(( ($(conns_of $store "$after") - $(conns_of $store "$before")) / runs ))
      reqs=$(( ($(reqs_of $store "$after") - $(reqs_of $store "$before")) / runs ))
      eff=$(echo "$ta / ($t - $tl)" | bc -l)
      printf '| %s | %s | %d | %s | %s | %s | %.3f | %d | %d | %.2f |\n' "$store" "$fmt" "$io" "$t" "$tl" "$ta" \
        "$(echo "$fetched / $size" | bc -l)" "$reqs" "$conns" "$eff"
    done
  done
done
if /usr/bin/python3 -c 'import h5py, fsspec, aiohttp' 2>/dev/null; then
  t_py=$(best_of "$runs" /usr/bin/python3 -c "
import fsspec, h5py, sys
fs = fsspec.filesystem('http')
with fs.open('${http_root}traj.h5md', block_size=5 * 2**20, cache_type='readahead') as f:
    h5py.File(f, 'r')['particles/trajectory/position/value'][:]")
  t_ts=$(best_of "$runs" "$here/trajstream" analyze rg "${http_root}traj.h5md" --threads 2)
  echo
  echo "H5MD over HTTP, whole process: trajstream analyze rg ${t_ts} s, h5py + fsspec (read all positions) ${t_py} s: $(echo "$t_py / $t_ts" | bc -l | cut -c1-4)x"
fi
echo
echo "bytes alone: 4 parallel ranged GETs with curl (zarrmd: every object, 4 at a time) from the same server through the same link: nginx h5md ${t_alone_h5} s, zarrmd ${t_alone_z} s; S3Proxy h5md ${t_alone_s3_h5} s, zarrmd ${t_alone_s3_z} s"
echo "stored: h5md $h5size bytes, zarrmd $zsize bytes; link ${LINK_DELAY_MS:-25} ms one way, ${LINK_BW:-100MB}/s shared, ${LINK_CONN:-25MB}/s per connection; best of $runs runs"
} > "$out"
echo "stats" >&"${LINK[1]}" || true
