#!/usr/bin/env bash
# with-ferretdb.sh CMD [ARG...]: run CMD with a MongoDB-compatible server.
#
# Builds scripts/ferretdb (FerretDB with its SQLite backend; the first build
# takes minutes, later ones seconds), starts it on a free loopback port with
# a temporary data directory, waits until it accepts connections, and runs
# CMD with:
#   MONGODB_URI        the server's URI
#   MONGODB_REQUIRED=1 integration tests fail, not skip, without a server
#   FERRETDB_BIN       the FerretDB binary, for tests that run servers of
#                      their own (to stop and restart one)
#   FERRETDB_DIR       a temporary directory for those servers' data
# The server is stopped when CMD ends, also on failure or interrupt; its log
# is printed only when CMD fails. Exits with CMD's status.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 CMD [ARG...]" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CODEXEC_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/codexec}
bin=$cache/ferretdb/ferretdb
mkdir -p "$(dirname "$bin")"

start=$SECONDS
(
	cd "$root/scripts/ferretdb"
	CGO_ENABLED=0 go build -trimpath -buildvcs=false -tags ferretdb_no_postgresql -o "$bin.tmp.$$" .
	mv -f "$bin.tmp.$$" "$bin"
) || { echo "with-ferretdb: building FerretDB failed" >&2; exit 1; }
if [ $((SECONDS - start)) -ge 10 ]; then
	echo "with-ferretdb: built FerretDB in $((SECONDS - start)) s" >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/codexec-ferretdb.XXXXXX")
pid=
status=1

cleanup() {
	set +e # clean up whatever happens (a closed stderr, a server gone)
	trap "" PIPE
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	if [ "$status" -ne 0 ] && [ -s "$tmp/ferretdb.log" ]; then
		echo "---- FerretDB log ----" >&2
		cat "$tmp/ferretdb.log" >&2
		echo "---- end of FerretDB log ----" >&2
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'status=130; exit 130' INT
trap 'status=143; exit 143' TERM

mkdir -p "$tmp/servers"
"$bin" -listen 127.0.0.1:0 -dir "$tmp/data" >"$tmp/uri" 2>"$tmp/ferretdb.log" &
pid=$!

uri=
for _ in $(seq 1 300); do
	if [ -s "$tmp/uri" ]; then
		uri=$(head -n 1 "$tmp/uri")
		break
	fi
	if ! kill -0 "$pid" 2>/dev/null; then
		break
	fi
	sleep 0.1
done
if [ -z "$uri" ]; then
	echo "with-ferretdb: FerretDB did not start" >&2
	exit 1
fi

# The URI is printed once the port is bound; check that it accepts.
hostport=${uri#mongodb://}
hostport=${hostport%%/*}
if ! (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; then
	echo "with-ferretdb: FerretDB does not accept connections on $hostport" >&2
	exit 1
fi

export MONGODB_URI="mongodb://$hostport/?directConnection=true"
export MONGODB_REQUIRED=1
export FERRETDB_BIN="$bin"
export FERRETDB_DIR="$tmp/servers"
echo "with-ferretdb: FerretDB at $MONGODB_URI" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
