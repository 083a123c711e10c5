"""Summarizes docs/experiments/ridge-comparison.sh: per model, mean and std over the 5 seeds of
the held-out Spearman (scores.csv, mean row) and of Kendall's tau-b (scipy.stats.kendalltau)
between the stimulus-level main effects (importance_summary.csv, units that are features) and
the stand-in's documented effect sizes (LanguageLikeDataset's Javadoc table)."""
import csv
import statistics
import sys
from pathlib import Path

from scipy.stats import kendalltau

EFFECTS = {"relative_clause_type": 1.0, "attachment_site": 0.5, "subject_number": 0.25,
           "subject_gender": 0.02, "subject_frequency": 0.01, "object_number": 0.10,
           "object_gender": 0.005, "object_frequency": 0.0, "embedded_number": 0.05,
           "embedded_gender": 0.0, "embedded_frequency": 0.0, "verb_lemma": 0.15}

work = Path(sys.argv[1])
for model in ("mlem", "frrsa-ridge", "frrsa-ridge-i"):
    scores, taus = [], []
    for seed in range(1, 6):
        run = work / f"{model}-{seed}"
        rows = list(csv.DictReader(open(run / "scores.csv")))
        mean = [r for r in rows if r["fold"] == "mean"] or rows
        scores.append(float(mean[0]["spearman"]))
        imp = {r["unit"]: float(r["mean"]) for r in csv.DictReader(
            open(run / "importance_summary.csv")) if r["unit"] in EFFECTS}
        names = sorted(EFFECTS)
        taus.append(kendalltau([EFFECTS[n] for n in names], [imp[n] for n in names])[0])
    print(f"{model}: held-out Spearman {statistics.mean(scores):.4f} ± "
          f"{statistics.stdev(scores):.4f}; Kendall tau-b vs effect sizes "
          f"{statistics.mean(taus):.3f} ± {statistics.stdev(taus):.3f}; per seed "
          + " ".join(f"{s:.4f}/{t:.2f}" for s, t in zip(scores, taus)))
