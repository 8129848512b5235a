#!/usr/bin/env bash
# Installs what spoc needs on a Debian 12 machine, once: apt packages, the Dear ImGui 1.86
# sources and the Snowball stemmers (from Debian's source packages) and the browser-test npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$PWD/.cache"
mkdir -p "$CACHE"

PACKAGES="cmake g++ make pkg-config xz-utils emscripten nlohmann-json3-dev libcpp-httplib-dev
doctest-dev libsqlite3-dev libsodium-dev libcli11-dev fonts-noto-core fonts-noto-mono python3-fonttools zlib1g-dev brotli chromium wrk curl iproute2
clang libclang-rt-14-dev strace python3"

missing=()
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # node is needed by emscripten and the browser tests; keep the machine's own if present
  command -v node >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi

# Third-party sources come from Debian's source packages, into the ignored cache. apt reads a
# private source list pointing at the machine's own Debian mirror; the system's apt is untouched.
D="$CACHE/apt-src"
A=(-o "Dir::Etc::SourceList=$D/src.sources" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$D/lists")
SOURCES_LISTED=""
download_source() {  # download_source PACKAGE: PACKAGE's source files into $D
  if [ -z "$SOURCES_LISTED" ]; then
    mkdir -p "$D/lists/partial"
    # The machine's own Debian mirror: the first deb822 stanza for bookworm (not its security
    # suite), else the first bookworm line of sources.list. Other vendors' repositories are skipped.
    MIRROR=$(awk 'BEGIN { RS = "" } /Suites:[^\n]*bookworm/ && !/bookworm-security/ {
               if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { u = substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u); print u; exit } }' \
             /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$MIRROR" ] || MIRROR=$(awk '$1 == "deb" && / bookworm / && !/security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
                                     /etc/apt/sources.list 2>/dev/null || true)
    if [ -z "$MIRROR" ]; then
      echo "setup: no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list;" >&2
      echo "setup: configure apt with one, then run again" >&2
      exit 1
    fi
    cat > "$D/src.sources" <<X
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
    apt-get "${A[@]}" -qq update
    SOURCES_LISTED=1
  fi
  (cd "$D" && apt-get "${A[@]}" -qq source --download-only "$1")
}

# Dear ImGui 1.86 for the portal.
IMGUI="$CACHE/imgui-1.86"
if [ ! -f "$IMGUI/imgui.cpp" ]; then
  download_source imgui
  tar xf "$D"/imgui_1.86*.orig.tar.xz -C "$CACHE"
  [ -f "$IMGUI/imgui.cpp" ] || { echo "setup: imgui sources not found after download" >&2; exit 1; }
fi

# The English and German Snowball stemmers, generated as C from Debian's snowball 2.2.0 by its
# own compiler (built here, natively). core compiles them in both builds, so the browser and the
# server stem alike. Layout: snowball-gen/runtime/ beside snowball-gen/stemmers/, which is where
# the generated `#include "../runtime/header.h"` looks.
SNOWBALL="$CACHE/snowball-2.2.0"
STEMMERS="$CACHE/snowball-gen"
if [ ! -f "$STEMMERS/stemmers/stem_UTF_8_english.c" ] || [ ! -f "$STEMMERS/stemmers/stem_UTF_8_german.c" ]; then
  if [ ! -f "$SNOWBALL/algorithms/german.sbl" ]; then
    compgen -G "$D/snowball_2.2.0*.orig.tar.gz" >/dev/null || download_source snowball
    tar xzf "$D"/snowball_2.2.0*.orig.tar.gz -C "$CACHE"
    [ -f "$SNOWBALL/algorithms/german.sbl" ] || { echo "setup: snowball sources not found after download" >&2; exit 1; }
  fi
  [ -x "$SNOWBALL/snowball" ] || make -C "$SNOWBALL" -s snowball
  T="$STEMMERS.$$"
  rm -rf "$T" && mkdir -p "$T/runtime" "$T/stemmers"
  cp "$SNOWBALL"/runtime/{api.c,api.h,header.h,utilities.c} "$T/runtime/"
  for lang in english german; do
    "$SNOWBALL/snowball" "$SNOWBALL/algorithms/$lang.sbl" -o "$T/stemmers/stem_UTF_8_$lang" \
      -eprefix "${lang}_UTF_8_" -r ../runtime -u
  done
  rm -rf "$STEMMERS" && mv "$T" "$STEMMERS"
fi

# Browser-test tooling (playwright-core drives Debian's Chromium).
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent 2>/dev/null || npm install --no-audit --no-fund --silent)
fi
