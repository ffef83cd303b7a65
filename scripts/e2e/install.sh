#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian packages (chromium, neovim, ripgrep and the
# headers code-server's native modules build against) and code-server 4.100.3 (VS Code 1.100.3;
# code-server 4.90-4.100 run on Node 20), with the workarounds an offline machine needs.
# Idempotent: apt is skipped when the packages are present, code-server when its marker exists.
# Prints the code-server install folder on its last line of stdout.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
CACHE_ROOT="${KMS_E2E_CACHE:-$HOME/.cache/kms-policy-lint-e2e}"
PREFIX="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$PREFIX/.install-complete"

log() { echo "[e2e install] $*" >&2; }

mkdir -p "$CACHE_ROOT"
# Two test runs starting at once must not install into the same folder together.
exec 9> "$CACHE_ROOT/.install.lock"
flock 9
INSTALL_LOG="$CACHE_ROOT/install.log"
: > "$INSTALL_LOG"
# Runs a step with its output in the install log; shows the log's end only when the step fails.
quietly() {
  if ! "$@" >> "$INSTALL_LOG" 2>&1; then
    log "failed: $* (last lines of $INSTALL_LOG follow)"
    tail -n 40 "$INSTALL_LOG" >&2
    exit 1
  fi
}

install_debian_packages() {
  local wanted=(chromium neovim ripgrep libkrb5-dev pkg-config)
  local missing=()
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  quietly "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  quietly env DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
}

check_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" != "20" ]; then
    log "code-server $CODE_SERVER_VERSION needs Node 20; this is Node $(node --version)"
    exit 1
  fi
}

install_code_server() {
  if [ -f "$MARKER" ]; then
    log "code-server $CODE_SERVER_VERSION cached in $PREFIX"
    return
  fi
  check_node
  log "installing code-server $CODE_SERVER_VERSION into $PREFIX"
  # A half-finished install from an interrupted run is not trusted: start over.
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  # npm 11 as root drops privileges for scripts unless told otherwise; node-pty runs `npx node-gyp`.
  export npm_config_unsafe_perm=true npm_config_yes=true
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  # node-gyp downloads Node's headers unless it is pointed at installed ones (Debian's nodejs ships them).
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  # The package's own postinstall runs npm install in lib/vscode, where @vscode/ripgrep downloads from GitHub:
  # its steps are replayed below, with ripgrep taken from Debian.
  quietly npm install --prefix "$PREFIX" --no-save --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION"

  # argon2 (code-server's password hashing, loaded even with --auth none) is the one native module outside lib/vscode.
  (cd "$PREFIX" && quietly npm rebuild argon2 --loglevel=error)

  local root="$PREFIX/node_modules/code-server"
  local vscode="$root/lib/vscode"
  (
    cd "$vscode"
    quietly npm install --omit=dev --ignore-scripts --loglevel=error
    # @vscode/ripgrep's postinstall downloads from GitHub and skips when bin/ exists.
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    quietly npm rebuild --loglevel=error
    # The rest of code-server's postinstall.sh (its link for the terminal's $BROWSER is left out: no test opens URLs from a terminal).
    rm -rf node_modules.asar && ln -s node_modules node_modules.asar
    (cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
    cd extensions
    quietly npm install --omit=dev --ignore-scripts --loglevel=error
    quietly node ./postinstall.mjs
  )
  touch "$MARKER"
  log "code-server installed"
}

install_debian_packages
install_code_server
echo "$PREFIX/node_modules/code-server"
