#!/usr/bin/env bash
# The long key-mash soak: the real binary in tmux, random keys with resizes, failing on a crash, a
# hang or RSS growth above 25 MB (Tests/EndToEndTests/TerminalRobustnessTests.swift). CI sends 2,000.
#   scripts/soak.sh [KEYS]     default: 10000
set -euo pipefail
cd "$(dirname "$0")/.."
ATTN_SOAK_KEYS=${1:-10000} swift test --disable-swift-testing --filter TerminalRobustnessTests/testKeyMashSoak
