#!/usr/bin/env bash
# Fuzz attn's lesson handling for longer than CI does: mutated lessons through validate, print,
# the explorer's view and eval (Tests/ExplorerUITests/LessonFuzzTests.swift).
#   scripts/fuzz.sh [SECONDS] [SEED]     default: 600 s, a seed from the clock (printed)
# An input that fails is saved under $TMPDIR (the path is printed); one that crashes the test
# process is left in $TMPDIR/attn-fuzz-current.md. Copy either into Tests/Regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
seed=${2:-$(date +%s)}
echo "fuzzing for ${seconds} s with seed ${seed}"
ATTN_FUZZ_SECONDS=$seconds ATTN_FUZZ_SEED=$seed swift test --disable-swift-testing --filter LessonFuzzTests
