"""Theme engine benchmark: quality against human labels, stability, speed and memory.

    python benchmarks/themes.py [--quick] [--data DIR] [--sets NAMES] [--no-scale]

Reads the public labelled feedback sets in ``../shared/data/`` (see its README: sources,
licences, labels). For each set it measures, in the same run, our pipeline (number of themes
chosen automatically) and plain baselines given the true number of labels: TF-IDF (1-2 grams,
sublinear, scikit-learn English stop words) + KMeans, + NMF, + LSA(100)/KMeans, and TF-IDF
keeping negations + NMF. Scores: NMI, ARI and V-measure against the labels for our pipeline,
NMI for the baselines; every item counts (set-aside and not-yet-themed items are one group
each, as the product shows them). Speed: the time to place one new answer in the themes.
Stability: two runs on overlapping 90% samples, ARI on the shared items. Scale: the batch
command on 100,000 synthetic answers and re-clustering 1,000,000 stored vectors, each in a
child process whose peak memory (ru_maxrss) is its own. Synthetic corpora are built in memory
by recombining the real texts (halves of two answers) and, for stored vectors, by mixing pairs
of real answers' vectors. ``--quick`` uses samples of each set and measures smaller scale runs,
extrapolated linearly and marked so. Texts are never printed: labels and figures only.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import NMF, TruncatedSVD  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    adjusted_rand_score,
    normalized_mutual_info_score,
    v_measure_score,
)
from sklearn.preprocessing import normalize  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from learning.themes.pipeline import Item, cluster_vectors, run_themes  # noqa: E402
from learning.themes.vectorise import TfidfLsaEncoder  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
SETS = ["nhs_fft_phase1", "nhs_fft_v6", "careopinion_phase1", "banking77"]
NEGATIONS = {
    "no", "not", "nothing", "none", "never", "nor", "nobody", "neither", "cannot", "without",
    "less", "few", "more", "most", "very", "too", "only", "all", "every", "everything", "could",
    "would", "should", "well", "again", "still", "enough",
}  # fmt: skip
KEEP_NEG_STOP = sorted(frozenset(ENGLISH_STOP_WORDS) - NEGATIONS)


def log(message: str) -> None:
    print(message, flush=True)


def load(data: Path, name: str) -> tuple[list[str], list[str]]:
    path = data / name / "feedback.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def scores(truth: list[str], found: list[str] | np.ndarray) -> dict[str, float]:
    return {
        "nmi": round(float(normalized_mutual_info_score(truth, found)), 4),
        "ari": round(float(adjusted_rand_score(truth, found)), 4),
        "v": round(float(v_measure_score(truth, found)), 4),
    }


def baselines(texts: list[str], truth: list[str], quick: bool) -> dict[str, float]:
    import warnings

    k = len(set(truth))
    out: dict[str, float] = {}
    n_init = 1 if quick else 3
    # One thread each, as our pipeline uses: on a busy 2-core machine that is also faster.
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        for tag, stop in [("tfidf", "english"), ("tfidf_keepneg", KEEP_NEG_STOP)]:
            vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words=stop,
                                  min_df=2, dtype=np.float32)  # fmt: skip
            matrix = vec.fit_transform(texts)
            nmf = NMF(k, init="nndsvd", random_state=0, max_iter=200 if quick else 400)
            found = nmf.fit_transform(matrix).argmax(axis=1)
            out[f"{tag}_nmf_nmi"] = scores(truth, found)["nmi"]
            if tag == "tfidf":
                found = KMeans(k, n_init=n_init, random_state=0).fit_predict(matrix)
                out[f"{tag}_kmeans_nmi"] = scores(truth, found)["nmi"]
                lsa = normalize(TruncatedSVD(100, random_state=0).fit_transform(matrix))
                found = KMeans(k, n_init=n_init, random_state=0).fit_predict(lsa)
                out[f"{tag}_lsa_kmeans_nmi"] = scores(truth, found)["nmi"]
    return out


def ours(texts: list[str], truth: list[str]) -> dict[str, float]:
    items = [Item(id=str(i), text=t) for i, t in enumerate(texts)]
    start = time.perf_counter()
    run = run_themes(items)
    seconds = time.perf_counter() - start
    found = [run.assignments[it.id] for it in items]
    s = scores(truth, found)
    counts = run.counts()
    return {
        "ours_nmi": s["nmi"],
        "ours_ari": s["ari"],
        "ours_v": s["v"],
        "ours_k": len(run.themes),
        "true_k": len(set(truth)),
        "ours_not_yet_themed_share": round(counts.get("not_yet_themed", 0) / len(items), 4),
        "ours_set_aside": counts.get("set_aside", 0),
        "ours_seconds": round(seconds, 2),
        "k_stability": {
            str(k): round(v, 3) for k, v in (run.k_choice.scores.items() if run.k_choice else [])
        },
    }


def stability(texts: list[str], seed: int = 1) -> float:
    """Two independent runs on overlapping 90% samples: ARI on the items both contain."""
    rng = np.random.RandomState(seed)
    n = len(texts)
    a = np.sort(rng.choice(n, int(0.9 * n), replace=False))
    b = np.sort(rng.choice(n, int(0.9 * n), replace=False))
    runs = []
    for idx in (a, b):
        run = run_themes([Item(id=str(i), text=texts[i]) for i in idx])
        runs.append(run.assignments)
    shared = sorted(set(runs[0]) & set(runs[1]), key=int)
    return float(adjusted_rand_score([runs[0][i] for i in shared], [runs[1][i] for i in shared]))


# -- scale runs (each in its own child process) -------------------------------------------------


def synthetic_texts(pool: list[str], n: int, seed: int = 0) -> list[str]:
    """``n`` new answers, each the first half of one real answer and the second of another."""
    rng = np.random.RandomState(seed)
    first = rng.randint(len(pool), size=n)
    second = rng.randint(len(pool), size=n)
    out = []
    for i, j in zip(first, second, strict=True):
        a, b = pool[i].split(), pool[j].split()
        out.append(" ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :]))
    return out


def child_batch(input_csv: str, output_csv: str) -> dict[str, float]:
    from learning.themes.batch import cluster_csv

    start = time.perf_counter()
    summary = cluster_csv(input_csv, "text", output_csv)
    return {"seconds": time.perf_counter() - start, "themes": summary.themes}


def child_recluster(vectors_npy: str) -> dict[str, float]:
    vectors = np.load(vectors_npy)
    start = time.perf_counter()
    labels, _, centroids, _ = cluster_vectors(vectors)
    return {"seconds": time.perf_counter() - start, "themes": int(centroids.shape[0])}


def run_child(args: list[str]) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed: {proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def child_main(argv: list[str]) -> None:
    kind = argv[0]
    result = child_batch(argv[1], argv[2]) if kind == "batch" else child_recluster(argv[1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def scale(pool: list[str], quick: bool, workdir: Path) -> dict[str, object]:
    batch_n = 10_000 if quick else 100_000
    recluster_n = 50_000 if quick else 1_000_000
    out: dict[str, object] = {}
    # the batch command on new answers
    path = workdir / "batch.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for i, t in enumerate(synthetic_texts(pool, batch_n)):
            writer.writerow([i, t])
    got = run_child(["batch", str(path), str(workdir / "out.csv")])
    factor = 100_000 / batch_n
    out["seconds_100k"] = round(got["seconds"] * factor, 1)
    out["peak_mb_100k"] = round(_extrapolate_mb(got["peak_mb"], factor), 1)
    out["batch_measured_n"] = batch_n
    out["batch_themes"] = got["themes"]
    log(
        f"batch command: {batch_n:,} answers in {got['seconds']:.1f}s, "
        f"peak {got['peak_mb']:.0f} MB, {got['themes']} themes"
        + (" (extrapolated to 100k below)" if factor != 1 else "")
    )
    # stored vectors: encode the real answers once, then mix pairs into new stored vectors
    base = pool
    if quick and len(pool) > 8_000:  # fewer real answers to mix from: same vectors, less time
        base = [pool[i] for i in np.random.RandomState(1).choice(len(pool), 8_000, replace=False)]
    real = TfidfLsaEncoder().fit_encode(base)
    rng = np.random.RandomState(0)
    vectors = np.empty((recluster_n, real.shape[1]), np.float32)
    step = 100_000
    for s in range(0, recluster_n, step):
        m = min(step, recluster_n - s)
        w = rng.uniform(0.55, 1.0, size=(m, 1)).astype(np.float32)
        mix = (
            w * real[rng.randint(len(real), size=m)]
            + (1 - w) * real[rng.randint(len(real), size=m)]
        )
        vectors[s : s + m] = normalize(mix)
    vpath = workdir / "vectors.npy"
    np.save(vpath, vectors)
    del vectors
    got = run_child(["recluster", str(vpath)])
    factor = 1_000_000 / recluster_n
    out["recluster_seconds_1m"] = round(got["seconds"] * factor, 1)
    out["recluster_peak_mb_1m"] = round(_extrapolate_mb(got["peak_mb"], factor), 1)
    out["recluster_measured_n"] = recluster_n
    out["recluster_themes"] = got["themes"]
    log(
        f"re-cluster stored vectors: {recluster_n:,} in {got['seconds']:.1f}s, peak "
        f"{got['peak_mb']:.0f} MB, {got['themes']} themes"
        + (" (extrapolated to 1M below)" if factor != 1 else "")
    )
    return out


_BASE_MB = 150.0  # an interpreter with numpy/scipy/scikit-learn loaded, before any data


def _extrapolate_mb(measured: float, factor: float) -> float:
    if factor == 1:
        return measured
    return _BASE_MB + max(measured - _BASE_MB, 0.0) * factor


def assign_latency(texts: list[str]) -> tuple[float, float]:
    """p95 ms to place one new answer: encoding and assigning, and assigning alone (after
    encoding, as an item that arrives is encoded before the write that places it)."""
    run = run_themes([Item(id=str(i), text=t) for i, t in enumerate(texts)])
    sample = synthetic_texts(texts, 300, seed=3)
    whole, after = [], []
    encoder = run.model.encoder
    for t in sample:
        start = time.perf_counter()
        run.model.assign(t)
        whole.append((time.perf_counter() - start) * 1000)
        if encoder is not None:
            vector = encoder.encode_one(t, "")[None, :]
            start = time.perf_counter()
            run.model.assign_vectors(vector)
            after.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(whole, 95)), float(np.percentile(after or [0.0], 95))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="samples; finishes within 60 s")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the data sets")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated data sets")
    parser.add_argument("--no-scale", action="store_true", help="skip the scale runs")
    args = parser.parse_args()
    started = time.perf_counter()
    quick = args.quick
    cap = 2_000 if quick else None
    result: dict[str, object] = {"quick": quick}
    pool: list[str] = []
    first_texts: list[str] = []
    for name in args.sets.split(","):
        texts, truth = load(args.data, name)
        pool.extend(texts)
        if cap and len(texts) > cap:
            idx = np.sort(np.random.RandomState(0).choice(len(texts), cap, replace=False))
            texts, truth = [texts[i] for i in idx], [truth[i] for i in idx]
        if not first_texts:
            first_texts = texts
        row: dict[str, object] = {"n": len(texts)}
        row.update(ours(texts, truth))
        row.update(baselines(texts, truth, quick))
        best = max(v for key, v in row.items() if key.startswith("tfidf") and key.endswith("_nmi"))
        row["best_baseline_nmi"] = best
        row["ours_ge_best_baseline"] = bool(row["ours_nmi"] >= best)  # type: ignore[operator]
        result[name] = row
        log(
            f"{name}: n={len(texts)} ours NMI {row['ours_nmi']:.3f} ARI {row['ours_ari']:.3f} "
            f"V {row['ours_v']:.3f} with k={row['ours_k']} chosen (true {row['true_k']}), "
            f"not yet themed {row['ours_not_yet_themed_share']:.1%}, {row['ours_seconds']}s | "
            + " ".join(
                f"{k.removesuffix('_nmi')} {v:.3f}" for k, v in row.items() if k.startswith("tfidf")
            )
            + f" | best baseline {best:.3f}"
        )
    stab_texts = first_texts
    result["stability_ari"] = round(stability(stab_texts), 4)
    log(
        f"stability: ARI {result['stability_ari']:.3f} between two runs on overlapping 90% "
        f"samples of {len(stab_texts):,} answers ({args.sets.split(',')[0]})"
    )
    whole, after = assign_latency(stab_texts)
    result["assign_ms_p95"] = round(whole, 3)
    result["assign_after_encoding_ms_p95"] = round(after, 3)
    log(
        f"incremental assignment of one new answer: p95 {whole:.2f} ms with encoding, "
        f"{after:.3f} ms after encoding"
    )
    if not args.no_scale:
        with tempfile.TemporaryDirectory() as tmp:
            result.update(scale(pool, quick, Path(tmp)))
        result["extrapolated"] = quick
        if quick:
            log("scale figures above are EXTRAPOLATED linearly from smaller runs (--quick)")
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    targets = {
        "quality_ge_best_baseline_all_sets": all(
            isinstance(v, dict) and v.get("ours_ge_best_baseline")
            for k, v in result.items()
            if k in SETS
        ),
        "stability_ari_ge_0_8": result["stability_ari"] >= 0.8,  # type: ignore[operator]
        "assign_ms_le_10": result["assign_ms_p95"] <= 10,  # type: ignore[operator]
    }
    if not args.no_scale:
        targets.update({
            "batch_100k_le_600s_2gb": result["seconds_100k"] <= 600  # type: ignore[operator]
            and result["peak_mb_100k"] <= 2048,  # type: ignore[operator]
            "recluster_1m_le_600s_4gb": result["recluster_seconds_1m"] <= 600  # type: ignore[operator]
            and result["recluster_peak_mb_1m"] <= 4096,  # type: ignore[operator]
        })  # fmt: skip
    result["targets_met"] = targets
    log(f"total {result['total_seconds']}s; targets met: {targets}")
    print(json.dumps(result))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
