#!/usr/bin/env bash
# Builds FerretDB from the Go module proxy, with the patches in infra/ferretdb/, into the cache;
# prints the binary's path. The cache key includes the patches, so changing one rebuilds.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
patches=("$REPO_ROOT"/infra/ferretdb/*.patch)
patch_id="$(cat "${patches[@]}" | sha256sum | cut -c1-12)"
bin="$LEDGER_CACHE_DIR/ferretdb-$FERRETDB_VERSION-$patch_id/ferretdb"
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
log "building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only, a few minutes)"
moddir="$(GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
src="$(dirname "$bin")/src"
rm -rf "$src"
mkdir -p "$src"
cp -r "$moddir/." "$src/"
chmod -R u+w "$src"
# The module zip lacks the generated version file, and the binary panics at start without it.
printf '%s' "$FERRETDB_VERSION" > "$src/build/version/version.txt"
for p in "${patches[@]}"; do
  log "applying $(basename "$p")"
  patch -s -p1 -d "$src" < "$p"
done
(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
rm -rf "$src"
echo "$bin"
