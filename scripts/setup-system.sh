#!/usr/bin/env bash
# Installs the system tools the tests need when they are missing: Chromium (browser tests),
# qpdf and poppler-utils (PDF checks), PostgreSQL's server and libpq headers (npm run test:pg, and
# the native `libpq` client npm ci builds), and Versity Gateway (a real S3 server, Apache-2.0).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
command -v pg_config >/dev/null || need+=(libpq-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
GOBIN_DIR="$(go env GOPATH)/bin"
if [ ! -x "$GOBIN_DIR/versitygw" ] && ! command -v versitygw >/dev/null; then
  go install github.com/versity/versitygw/cmd/versitygw@v1.7.0
fi
