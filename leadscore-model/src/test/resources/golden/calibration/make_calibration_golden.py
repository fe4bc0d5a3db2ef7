#!/usr/bin/python3
"""Golden fixtures for leadscore-model's calibration and metrics, made with scikit-learn.

Run with Debian's interpreter, which sees python3-sklearn (scikit-learn 1.2.1, numpy 1.24,
scipy 1.10):

    /usr/bin/python3 make_calibration_golden.py

It rewrites isotonic.json, platt.json and metrics.json beside itself. Every input is generated
here from fixed seeds; no row of any real data set is used. Floats are written with Python's
repr, which round-trips doubles exactly, so the Java tests read the very inputs sklearn saw.

What is compared (the Java tests assert agreement to 1e-6, the issue's tolerance):

* isotonic.json: sklearn.isotonic.IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)
  fitted on (logit, label, weight); the fitted X_thresholds_/y_thresholds_ and predictions on
  query points, the latter clipped to [EPS, 1 - EPS] with EPS = 1e-6, which is
  Calibrator.Isotonic.PROBABILITY_EPSILON on the Java side.
* platt.json: sklearn.calibration._sigmoid_calibration(f, y, sample_weight) -> (A, B) with
  p = 1 / (1 + exp(A f + B)), and _SigmoidCalibration's predictions on query points. Java's
  Platt uses p = 1 / (1 + exp(-(a f + b))), so a = -A and b = -B. sklearn stops BFGS at a
  gradient of 1e-5; "tight" is the same optimum found here by Newton's method to a gradient of
  1e-12 relative, to tell optimiser tolerance from disagreement.
* metrics.json: roc_auc_score, average_precision_score, log_loss(eps=1e-15),
  brier_score_loss and calibration_curve(n_bins=10, strategy='uniform'), from which the
  expected calibration error is sum over non-empty bins of (bin count / n) * |mean predicted -
  observed rate|. calibration_curve has no sample weights, so the weighted ECE is computed here
  with numpy on sklearn's binning (np.searchsorted(np.linspace(0, 1, 11)[1:-1], p)).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.special import expit
from sklearn.calibration import _SigmoidCalibration, _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

EPS = 1e-6  # Calibrator.Isotonic.PROBABILITY_EPSILON
HERE = os.path.dirname(os.path.abspath(__file__))


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64)]


def bools(a):
    return [bool(v) for v in np.asarray(a)]


def header():
    return {
        "generator": "make_calibration_golden.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }


# ----------------------------------------------------------------------------- isotonic


def isotonic_case(name, x, y, w, queries):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=bool)
    ir = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    ir.fit(x, y.astype(np.float64), sample_weight=None if w is None else np.asarray(w, dtype=np.float64))
    q = np.asarray(queries, dtype=np.float64)
    pred = np.clip(ir.predict(q), EPS, 1.0 - EPS)
    return {
        "name": name,
        "x": floats(x),
        "y": bools(y),
        "w": None if w is None else floats(w),
        "thresholds": floats(ir.X_thresholds_),
        "values": floats(ir.y_thresholds_),
        "queries": floats(q),
        "expected": floats(pred),
    }


def queries_for(x, thresholds_source, rng):
    lo, hi = float(np.min(x)), float(np.max(x))
    grid = np.linspace(lo - 1.0, hi + 1.0, 61)
    picks = rng.choice(np.asarray(x, dtype=np.float64), size=min(20, len(x)), replace=False)
    return np.concatenate([grid, picks, np.unique(thresholds_source)[:20], [lo, hi]])


def isotonic_cases():
    cases = []
    rng = np.random.RandomState(20240601)

    # 300 logits on a 0.1 grid: many ties in x, which sklearn pools before PAVA.
    x = np.round(rng.normal(0.0, 2.0, 300), 1)
    y = rng.uniform(size=300) < expit(0.9 * x - 0.4)
    cases.append(isotonic_case("ties_on_grid", x, y, None, queries_for(x, x, rng)))

    # Continuous logits with sample weights, some of them zero (dropped by sklearn).
    x = rng.normal(0.5, 1.5, 250)
    y = rng.uniform(size=250) < expit(1.2 * x - 1.0)
    w = rng.uniform(0.1, 3.0, 250)
    w[rng.choice(250, 15, replace=False)] = 0.0
    cases.append(isotonic_case("weighted_with_zeros", x, y, w, queries_for(x, x, rng)))

    # Heavy imbalance (about 3 % positives): long runs pooled to one block at 0.
    x = rng.normal(-3.0, 1.0, 400)
    y = rng.uniform(size=400) < expit(1.5 * x + 1.0)
    cases.append(isotonic_case("imbalanced", x, y, None, queries_for(x, x, rng)))

    # x values closer than numpy's float64 resolution (1e-15) are one value to sklearn.
    x = np.array([0.0, 5e-16, 2e-15, 1.0, 1.0 + 1e-16, 2.0, 3.0, 3.0 + 2e-15, 4.0])
    y = np.array([0, 1, 0, 1, 0, 0, 1, 1, 1], dtype=bool)
    cases.append(isotonic_case("near_duplicate_x", x, y, None, np.linspace(-1, 5, 25)))

    # One distinct x: a constant calibrator.
    x = np.full(7, 0.25)
    y = np.array([1, 0, 0, 1, 0, 0, 0], dtype=bool)
    cases.append(isotonic_case("single_x", x, y, None, [-10.0, 0.25, 3.0]))

    # Perfectly separable: blocks at exactly 0 and 1, which the epsilon clips.
    x = np.sort(rng.normal(0.0, 1.0, 40))
    y = x > 0.1
    cases.append(isotonic_case("separable", x, y, None, queries_for(x, x, rng)))

    # One class only: every block is 0.
    x = rng.normal(0.0, 1.0, 30)
    y = np.zeros(30, dtype=bool)
    cases.append(isotonic_case("all_negative", x, y, None, [-5.0, 0.0, 5.0]))
    return cases


# ----------------------------------------------------------------------------- Platt


def tight_platt(f, y, w):
    """Newton's method on sklearn's objective (Platt's smoothed targets), in sklearn's signs."""
    f = np.asarray(f, dtype=np.float64)
    w = np.ones_like(f) if w is None else np.asarray(w, dtype=np.float64)
    neg = ~np.asarray(y, dtype=bool)
    prior0 = w[neg].sum()
    prior1 = w[~neg].sum()
    t = np.where(neg, 1.0 / (prior0 + 2.0), (prior1 + 1.0) / (prior1 + 2.0))
    ab = np.array([0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))])

    def objective(ab):
        z = -(ab[0] * f + ab[1])  # log-odds of the positive class
        return np.sum(w * (np.logaddexp(0.0, z) - t * z))

    for _ in range(200):
        p = expit(-(ab[0] * f + ab[1]))
        r = w * (t - p)  # gradient in sklearn's (A, B)
        g = np.array([r @ f, r.sum()])
        if np.max(np.abs(g)) <= 1e-12 * w.sum() * max(1.0, np.max(np.abs(f))):
            break
        d = w * p * (1.0 - p)
        h = np.array([[d @ (f * f), d @ f], [d @ f, d.sum()]])
        step = -np.linalg.solve(h, g)
        s, f0 = 1.0, objective(ab)
        while objective(ab + s * step) > f0 + 1e-4 * s * (g @ step) and s > 1e-10:
            s /= 2.0
        ab = ab + s * step
    return ab


def platt_case(name, f, y, w, queries):
    f = np.asarray(f, dtype=np.float64)
    y = np.asarray(y, dtype=bool)
    ww = None if w is None else np.asarray(w, dtype=np.float64)
    a_, b_ = _sigmoid_calibration(f, y.astype(np.float64), ww)
    sc = _SigmoidCalibration().fit(f, y.astype(np.float64), ww)
    assert sc.a_ == a_ and sc.b_ == b_
    q = np.asarray(queries, dtype=np.float64)
    tight = tight_platt(f, y, ww)
    return {
        "name": name,
        "f": floats(f),
        "y": bools(y),
        "w": None if w is None else floats(w),
        "sklearnA": float(a_),
        "sklearnB": float(b_),
        "tightA": float(tight[0]),
        "tightB": float(tight[1]),
        "queries": floats(q),
        "expected": floats(sc.predict(q)),
    }


def platt_cases():
    cases = []
    rng = np.random.RandomState(20240602)

    f = rng.normal(0.0, 1.5, 400)
    y = rng.uniform(size=400) < expit(0.8 * f - 0.3)
    q = np.concatenate([np.linspace(-6, 6, 49), [-800.0, 800.0]])
    cases.append(platt_case("balanced", f, y, None, q))

    f = rng.normal(-0.5, 2.0, 300)
    y = rng.uniform(size=300) < expit(1.3 * f + 0.2)
    w = rng.uniform(0.2, 4.0, 300)
    cases.append(platt_case("weighted", f, y, w, q))

    f = rng.normal(-4.0, 1.2, 1000)
    y = rng.uniform(size=1000) < expit(1.1 * f + 0.3)
    cases.append(platt_case("imbalanced", f, y, None, q))

    f = rng.normal(0.0, 1.0, 60)
    y = f > 0.3
    cases.append(platt_case("separable", f, y, None, q))

    f = rng.normal(0.0, 40.0, 200)
    y = rng.uniform(size=200) < expit(0.05 * f)
    cases.append(platt_case("large_logits", f, y, None, np.concatenate([q * 30, [-1e6, 1e6]])))
    return cases


# ----------------------------------------------------------------------------- metrics


def ece_uniform(p, y, w, bins=10):
    edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    w = np.ones_like(p) if w is None else w
    total = w.sum()
    ece = 0.0
    counts, mean_pred, observed = [], [], []
    for b in range(bins):
        m = ids == b
        wb = w[m].sum()
        counts.append(int(m.sum()))
        if m.sum() == 0 or wb == 0:
            mean_pred.append(None)
            observed.append(None)
            continue
        mp = (w[m] * p[m]).sum() / wb
        ob = (w[m] * y[m]).sum() / wb
        mean_pred.append(float(mp))
        observed.append(float(ob))
        ece += wb / total * abs(mp - ob)
    return float(ece), counts, mean_pred, observed


def metrics_case(name, p, y, w):
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=bool)
    ww = None if w is None else np.asarray(w, dtype=np.float64)
    yf = y.astype(np.float64)
    out = {
        "name": name,
        "p": floats(p),
        "y": bools(y),
        "w": None if w is None else floats(w),
        "rocAuc": float(roc_auc_score(y, p, sample_weight=ww)),
        "averagePrecision": float(average_precision_score(y, p, sample_weight=ww)),
        "logLoss": float(log_loss(y, p, eps=1e-15, sample_weight=ww)),
        "brier": float(brier_score_loss(y, p, sample_weight=ww)),
    }
    ece, counts, mean_pred, observed = ece_uniform(p, yf, ww)
    if ww is None:
        prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
        nonzero = [c for c in counts if c > 0]
        sk_ece = float(np.sum(np.asarray(nonzero) / len(p) * np.abs(prob_pred - prob_true)))
        assert abs(sk_ece - ece) < 1e-12, (sk_ece, ece)
        out["calibrationCurveTrue"] = floats(prob_true)
        out["calibrationCurvePred"] = floats(prob_pred)
        ece = sk_ece
    out["ece10"] = ece
    out["binCounts"] = counts
    return out


def metrics_cases():
    cases = []
    rng = np.random.RandomState(20240603)

    p = rng.beta(2.0, 5.0, 500)
    y = rng.uniform(size=500) < np.clip(p * 1.1, 0, 1)
    cases.append(metrics_case("continuous", p, y, None))

    # Scores on a 0.05 grid: ties everywhere, and values exactly on the bin edges 0.1 .. 0.9
    # (0.3, 0.6 and 0.7 sit just below numpy's edges 0.30000000000000004 etc.).
    p = np.round(rng.uniform(0.0, 1.0, 400) * 20) / 20
    y = rng.uniform(size=400) < p
    cases.append(metrics_case("ties_on_grid", p, y, None))

    p = rng.beta(1.5, 3.0, 300)
    y = rng.uniform(size=300) < p
    w = rng.uniform(0.1, 5.0, 300)
    cases.append(metrics_case("weighted", p, y, w))

    p = np.round(rng.beta(1.0, 4.0, 200), 2)
    p[:5] = [0.0, 1.0, 0.0, 1.0, 1e-17]
    y = rng.uniform(size=200) < p
    y[:4] = [False, True, True, False]  # two confident hits, two confident misses (clipped)
    cases.append(metrics_case("extremes_and_ties", p, y, None))

    p = rng.beta(0.5, 8.0, 1000)
    y = rng.uniform(size=1000) < p
    cases.append(metrics_case("imbalanced", p, y, None))
    return cases


def dump(name, cases):
    # One line per case: compact, yet a regenerated file diffs case by case.
    head = json.dumps(header(), allow_nan=False)[:-1]
    lines = [json.dumps(c, allow_nan=False) for c in cases]
    with open(os.path.join(HERE, name), "w") as fh:
        fh.write(head + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    dump("isotonic.json", isotonic_cases())
    dump("platt.json", platt_cases())
    dump("metrics.json", metrics_cases())
