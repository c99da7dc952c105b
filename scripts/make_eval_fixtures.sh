#!/bin/sh
# Saves `attn eval` of every lesson in Lessons/ (and a few --set cases) as JSON fixtures.
#
# `attn eval`'s JSON is the interface instructors script against: LessonEngineTests'
# EvalFixtureTests compares the engine's output with these files (names exactly, numbers to
# 1e-6), so a redesign of the scene model cannot change them unnoticed. Run from the repository
# root after `swift build --product attn`; regenerate only for a deliberate change of interface.
set -eu
attn=${ATTN:-.build/debug/attn}
out=Tests/LessonEngineTests/Fixtures/eval
mkdir -p "$out"
for f in Lessons/[0-9]*.md; do
    id=$(sed -n 's/^id: *//p' "$f" | head -1)
    "$attn" eval "$f" > "$out/$id.json"
done
# Parameters by name and by number, as instructors' scripts pass them (file: id@name=value,...).
while read -r id file sets; do
    args=""
    for s in $(echo "$sets" | tr ',' ' '); do args="$args --set $s"; done
    # shellcheck disable=SC2086
    "$attn" eval "Lessons/$file" $args > "$out/$id@$sets.json"
done <<'CASES'
soft-read 03-soft-read.md temperature=0.5
masked 06-masked.md mask=sliding,window=2
masked 06-masked.md mask=causal
multi-head 05-multi-head.md numHeads=4,headDim=2
positional 08-positional.md base=100
CASES
ls "$out"
