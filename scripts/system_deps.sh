#!/usr/bin/env bash
# Debian packages the tests need: chromium (browser test, PNG export), CJK fonts
# (readable Chinese in charts), PostgreSQL (store tests on a real server).
set -euo pipefail
needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || needed+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "需要安装系统软件包：${needed[*]}。请以 root 身份运行，或先手动安装：apt-get install ${needed[*]}" >&2
    exit 1
  fi
else SUDO=""; fi
echo "安装系统软件包：${needed[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
