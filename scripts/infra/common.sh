# Shared by the provisioning scripts: pinned versions and the cache folder outside the repo.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../infra/versions.env
. "$REPO_ROOT/infra/versions.env"
LEDGER_CACHE_DIR="${LEDGER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/consent-ledger}"
mkdir -p "$LEDGER_CACHE_DIR"
log() { printf '[infra] %s\n' "$*" >&2; }
