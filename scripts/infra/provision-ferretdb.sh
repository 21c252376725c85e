#!/usr/bin/env bash
# Builds FerretDB from the Go module proxy into the cache; prints the binary's path.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin="$LEDGER_CACHE_DIR/ferretdb-$FERRETDB_VERSION/ferretdb"
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
log "building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only, a few minutes)"
moddir="$(GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
src="$LEDGER_CACHE_DIR/ferretdb-$FERRETDB_VERSION/src"
rm -rf "$src"
mkdir -p "$src"
cp -r "$moddir/." "$src/"
chmod -R u+w "$src"
# The module zip lacks the generated version file, and the binary panics at start without it.
printf '%s' "$FERRETDB_VERSION" > "$src/build/version/version.txt"
(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
rm -rf "$src"
echo "$bin"
