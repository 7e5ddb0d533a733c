#!/usr/bin/env bash
# System packages the tests need (issue #15): a headless Chromium for the browser test and
# `--format pdf`, LibreOffice Writer (no GUI) to check that annotated DOCX files open, CJK fonts
# so both render Chinese, poppler-utils for the README screenshots.
# Idempotent: installs only what is missing. Needs root (CI runs as root); elsewhere it only says
# what is missing, unless run with sudo.
set -euo pipefail

PKGS=(chromium libreoffice-writer-nogui fonts-noto-cjk poppler-utils)

missing=()
for p in "${PKGS[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_system: 不是 Debian/Ubuntu 系统，请自行安装：${missing[*]} (not a Debian system; install them yourself)" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "setup_system: 缺少系统软件包 ${missing[*]}；请用 sudo 运行 scripts/setup_system.sh (missing system packages; run with sudo)" >&2
    exit 0
fi
echo "setup_system: 安装 / installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
