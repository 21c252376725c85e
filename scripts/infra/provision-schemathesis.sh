#!/usr/bin/env bash
# Installs the pinned Schemathesis from PyPI into a virtualenv in the cache; prints its `st` path.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dest="$LEDGER_CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
if [ -f "$dest/.complete" ]; then
  echo "$dest/bin/st"
  exit 0
fi
log "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI into $dest (first run only)"
# Built in place (a virtualenv's scripts name its absolute path); .complete marks it usable.
rm -rf "$dest"
python3 -m venv "$dest"
"$dest/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
touch "$dest/.complete"
echo "$dest/bin/st"
