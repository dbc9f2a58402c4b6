#!/usr/bin/env bash
# Everything the tests and the demo need beyond `npm ci`, idempotent and quick
# when already done: the SARIF validator's mode bit (npm 11 blocks install
# scripts by default) and the VS Code server build with its Debian packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tool="$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -f "$tool" ] && chmod u+x "$tool"
bash "$root/test/tools/setup-vscode.sh"
