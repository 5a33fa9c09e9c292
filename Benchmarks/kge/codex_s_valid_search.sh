#!/bin/bash
# The CoDEx-S validation search of 2026-11-26 (README, "The CoDEx recipe"): each candidate is the
# chosen recipe (codex-s-transe.json) with some options changed, trained and then evaluated on the
# validation split only — this script never touches the test split.
# Usage: Benchmarks/kge/codex_s_valid_search.sh [OUT_DIR] (after `make release`; about 45 minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
coatt=.build/release/coatt
out=${1:-/tmp/codex-s-search}
mkdir -p "$out"

candidate() {
    local name=$1; shift
    "$coatt" kge train --kg codex-s --config Benchmarks/kge/codex-s-transe.json "$@" --out "$out/$name.safetensors" > "$out/$name.log"
    local metrics
    metrics=$("$coatt" kge eval --kg codex-s --split valid --model "$out/$name.safetensors" | awk '$1 == "both" { print "valid MRR " $2 ", Hits@10 " $6 }')
    echo "$name ($*): $metrics"
}

for seed in 1 2 3; do candidate "recipe-seed$seed" --seed "$seed"; done
candidate negatives-256 --negatives 256 --head-negatives 256
candidate negatives-512 --negatives 512 --head-negatives 512
candidate dim-256 --dim 256
candidate dim-768 --dim 768
for seed in 1 2; do candidate "dim-1024-seed$seed" --dim 1024 --seed "$seed"; done
for seed in 1 2 3; do candidate "dim-1024-negatives-256-seed$seed" --dim 1024 --negatives 256 --head-negatives 256 --seed "$seed"; done
candidate dim-1024-lr-0.02 --dim 1024 --lr 0.02
candidate lr-0.02 --lr 0.02
candidate batch-512 --batch-size 512
candidate l1 --norm l1
for margin in 4 6 12; do candidate "nssa-margin-$margin" --loss nssa --margin "$margin" --temperature 1; done
for temperature in 0.5 2; do candidate "nssa-margin-6-temperature-$temperature" --loss nssa --margin 6 --temperature "$temperature"; done
candidate dim-1024-nssa-margin-6 --dim 1024 --loss nssa --margin 6 --temperature 1
for margin in 16 24; do candidate "l1-nssa-margin-$margin" --norm l1 --loss nssa --margin "$margin" --temperature 1; done
