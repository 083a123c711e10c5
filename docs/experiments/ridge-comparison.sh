#!/usr/bin/env bash
# MLEM against FR-RSA by fractional ridge (frrsa-ridge, frrsa-ridge-i) on the paper-scale
# stand-in (LanguageLikeDataset, 7,700 x 768, 12 features with documented effect sizes), 5 data
# seeds: held-out Spearman and how well each model's stimulus-level importance profile ranks
# the documented effect sizes (Kendall tau-b, scipy). Figures in README ("MLEM against FR-RSA").
# Usage: docs/experiments/ridge-comparison.sh WORK_DIR   (needs /usr/bin/python3 with scipy)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:?usage: $0 WORK_DIR}"
mvn -B -q -pl core compile
for seed in 1 2 3 4 5; do
  java -cp core/target/classes docs/experiments/StandInData.java "$work/data-$seed" "$seed"
  for model in mlem frrsa-ridge frrsa-ridge-i; do
    extra=()
    [[ "$model" == mlem ]] && extra=(--interactions)
    submit-scripts/mlem fit --features "$work/data-$seed/features.csv" \
      --representations "$work/data-$seed/reps.npy" --out "$work/$model-$seed" --overwrite \
      --seed "$seed" --model "$model" --permutations 10 --no-report --quiet "${extra[@]}" \
      > "$work/$model-$seed.log"
  done
  rm -rf "$work/data-$seed"
done
/usr/bin/python3 docs/experiments/ridge_comparison_summary.py "$work"
