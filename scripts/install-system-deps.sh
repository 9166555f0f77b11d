#!/usr/bin/env bash
# Debian packages the test suite needs: chromium (browser tests), LibreOffice + poppler (document
# rendering checks), fonts with Vietnamese glyphs. Installs only what is missing.
set -euo pipefail
PACKAGES=(chromium fonts-liberation fonts-dejavu-core poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "warning: cannot install ${missing[*]} (not root, no sudo); browser/document tests will be skipped" >&2
    exit 0
  fi
fi
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
