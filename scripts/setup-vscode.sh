#!/usr/bin/env bash
# Installs what the VS Code tests need, when missing: Debian's chromium/ripgrep/krb5 headers and
# code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) from the npm registry.
# code-server's install scripts download ripgrep from GitHub (unreachable here) and refuse root,
# so it is installed without scripts and its native modules are rebuilt by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=.vscode-test/code-server
BIN="$DIR/node_modules/code-server/out/node/entry.js"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || need_apt+=(libkrb5-dev)
# Screenshots show the ✅ and 📅 of Obsidian Tasks dates: an emoji font makes them readable.
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need_apt+=(fonts-noto-color-emoji)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$DIR/.complete" ] && [ -f "$BIN" ]; then
  echo "== code-server already installed in $DIR"
  exit 0
fi

echo "== installing code-server 4.100.3 into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
(
  cd "$DIR"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3 >/dev/null
  npm rebuild argon2 --build-from-source >/dev/null
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
  npm_config_yes=true npm rebuild kerberos node-pty @vscode/spdlog @vscode/deviceid native-watchdog >/dev/null
  mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
)
touch "$DIR/.complete"
echo "== code-server ready"
