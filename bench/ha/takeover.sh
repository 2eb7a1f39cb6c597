#!/usr/bin/env bash
# Takeover time of the control plane after kill -9 of the leader, under load (docs/high-availability.md).
#
#   dotnet build -c Release src/QNet.Cli && bench/ha/takeover.sh [KILLS]     (default 10 kills)
#
# Starts a real PostgreSQL from Debian's binaries on a free loopback port, three `qnet up --postgres` replicas
# (shared PKI in one data folder, one master key file), and a load through a follower: session requests on the
# API (forwarded to the leader) and ETSI key requests (served from the shared store). Then KILLS times: kill -9
# the leader, time until another replica's /ready answers 200 as leader (lease taken and network restored from the
# store), restart the killed replica (it rejoins as a follower). Prints each takeover and min / median / p90 / max.
set -euo pipefail

KILLS=${1:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
QNET=${QNET_DLL:-"$ROOT/src/QNet.Cli/bin/Release/net10.0/qnet.dll"}
PG=/usr/lib/postgresql/15/bin
[[ -f "$QNET" ]] || { echo "build first: dotnet build -c Release src/QNet.Cli" >&2; exit 1; }
[[ -x "$PG/postgres" ]] || { echo "PostgreSQL binaries not found in $PG: apt-get install postgresql" >&2; exit 1; }

WORK=$(mktemp -d /tmp/qnet-ha-bench.XXXXXX)
chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
now_ms() { date +%s%3N; }

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [[ -n "${PGPID:-}" ]] && kill "$PGPID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "work folder: $WORK (logs r1.log r2.log r3.log)"

mkdir -p "$WORK/pg"
[[ $(id -u) == 0 ]] && chown postgres:postgres "$WORK/pg"
as_postgres "$PG/initdb" -D "$WORK/pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >/dev/null
PGPORT=$(free_port)
as_postgres "$PG/postgres" -D "$WORK/pg/data" -p "$PGPORT" -k "$WORK/pg" -c listen_addresses=127.0.0.1 -c fsync=off >"$WORK/pg.log" 2>&1 &
PGPID=$!
until as_postgres "$PG/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'CREATE DATABASE qnet' >/dev/null 2>&1; do sleep 0.2; done
CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=qnet"

DATA="$WORK/data"
export QNET_KMS_MASTER_KEY_FILE="$WORK/master.key"
qnet() { dotnet "$QNET" "$@"; }

declare -A API ETSI PID
for r in r1 r2 r3; do API[$r]=$(free_port); ETSI[$r]=$(free_port); done
start() {
  local r=$1
  # dotnet itself in the background (not through the function), so that $! is the process kill -9 hits.
  dotnet "$QNET" up --postgres "$CS" --data "$DATA" --replica-id "$r" --api-port "${API[$r]}" --etsi-port "${ETSI[$r]}" --time-factor 20 >"$WORK/$r.log" 2>&1 &
  PID[$r]=$!
  PIDS+=("$!")
  until curl -sf "http://127.0.0.1:${API[$r]}/ready" >/dev/null; do sleep 0.1; done
}
# The role /ready reports with 200 (a replica still restoring answers 503 and counts as none); no interpreter started per poll.
role() { curl -sf -m 2 "http://127.0.0.1:${API[$1]}/ready" | grep -o '"role":"[a-z]*"' | cut -d'"' -f4 || echo none; }
leader() { for r in r1 r2 r3; do [[ $(role "$r") == leader ]] && { echo "$r"; return; }; done; echo none; }

# The first replica creates the stores and the development PKI; the SAEs and the token go into them.
start r1
qnet pki issue-sae sae-alice --node alice --data "$DATA" --store "$CS" >/dev/null
qnet pki issue-sae sae-bob --node bob --data "$DATA" --store "$CS" >/dev/null
TOKEN=$(qnet token create --role operator --data "$DATA" --postgres "$CS" 2>/dev/null | tail -n 1)
start r2; start r3

# Load: sessions through whichever replica is not the leader, keys through each ETSI port in turn.
load() {
  local n=0
  while :; do
    for r in r1 r2 r3; do
      n=$((n + 1))
      curl -s -o /dev/null -m 5 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"id\":\"load-$n\",\"source\":\"carol\",\"destination\":\"bob\",\"minFidelity\":0.8}" "http://127.0.0.1:${API[$r]}/api/v1/sessions" || true
      curl -s -o /dev/null -m 5 --cacert "$DATA/pki/ca.crt" --cert "$DATA/pki/sae-alice.crt" --key "$DATA/pki/sae-alice.key" \
        "https://127.0.0.1:${ETSI[$r]}/api/v1/keys/sae-bob/enc_keys?number=1&size=256" || true
    done
    sleep 0.05
  done
}
load &
LOADPID=$!
PIDS+=("$LOADPID")

TIMES=()
for i in $(seq 1 "$KILLS"); do
  sleep 3
  old=$(leader)
  [[ $old == none ]] && { echo "no leader before kill $i" >&2; exit 1; }
  kill -9 "${PID[$old]}"
  t0=$(now_ms)
  while :; do
    new=none
    for r in r1 r2 r3; do
      [[ $r == "$old" ]] && continue
      if [[ $(role "$r") == leader ]]; then new=$r; break; fi
    done
    [[ $new != none ]] && break
    sleep 0.05
  done
  dt=$(( $(now_ms) - t0 ))
  TIMES+=("$dt")
  echo "kill $i: $old killed, $new leads after $dt ms ($(grep -o 'restored from the store in [0-9]* ms' "$WORK/$new.log" | tail -n 1); load average $(cut -d' ' -f1 /proc/loadavg))"
  wait "${PID[$old]}" 2>/dev/null || true
  start "$old"
done
kill "$LOADPID" 2>/dev/null || true

printf '%s\n' "${TIMES[@]}" | sort -n | python3 -c '
import sys
t = [int(x) for x in sys.stdin]
n = len(t)
p90 = t[min(n - 1, -(-9 * n // 10) - 1)]
print(f"takeover after kill -9 over {n} kills (ms): min {t[0]}  median {t[(n - 1) // 2] if n % 2 else (t[n // 2 - 1] + t[n // 2]) / 2:g}  p90 {p90}  max {t[-1]}")'
