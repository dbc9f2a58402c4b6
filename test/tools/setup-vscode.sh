#!/usr/bin/env bash
# Installs the VS Code server build (from the code-server npm package) into
# .vscode-test/, ready to host the extension and its tests headlessly.
# Idempotent: a completed install is kept (marker file).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.vscode-test/server"
version="4.100.3"
marker="$cache/.complete-$version"
if [ -f "$marker" ]; then
  echo "VS Code server already installed in $cache"
  exit 0
fi

need=()
for bin in rg chromium pkg-config; do command -v "$bin" >/dev/null 2>&1 || need+=("$bin"); done
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need+=(krb5)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: chromium ripgrep libkrb5-dev pkg-config"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ripgrep libkrb5-dev pkg-config >/dev/null
  else
    echo "Missing system packages (${need[*]}): install chromium ripgrep libkrb5-dev pkg-config" >&2
    exit 1
  fi
fi

mkdir -p "$cache"
cd "$cache"
[ -f package.json ] || echo '{"name":"bulkhead-vscode-server","private":true}' > package.json
echo "Installing code-server@$version (VS Code server build)…"
npm install --no-audit --no-fund --ignore-scripts "code-server@$version" >/dev/null
vs="$cache/node_modules/code-server/lib/vscode"
cd "$vs"
echo "Installing VS Code's own modules…"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
echo "Building native modules…"
npm_config_yes=true npm rebuild >/dev/null 2>&1 || npm_config_yes=true npm rebuild
[ -e node_modules.asar ] || ln -s node_modules node_modules.asar
cd extensions
echo "Installing built-in extensions…"
npm install --no-audit --no-fund --omit=dev >/dev/null
touch "$marker"
echo "VS Code server ready: $vs"
