#!/usr/bin/python3
"""Golden numbers for leadscore-model's logistic regression, made with scikit-learn.

Run with Debian's interpreter, which sees python3-sklearn (1.2.1 when these were made):

    /usr/bin/python3 make_lr_golden.py            # writes lr/*.csv and lr/*.json beside this file

Two fixed data sets (deterministic for the seeds below):

* ``synthetic``: n = 2000, d = 10, features on very different scales and offsets
  (x_j = mu_j + s_j * z_j, s_j from 0.1 to 100, latent equicorrelation 0.2) and a logistic truth.
* ``degenerate``: n = 1200, d = 7: four informative features, a constant column, and two columns
  that are exact affine functions of the first feature (perfectly collinear after standardising).

Each CSV has the feature columns, ``label`` (0/1) and ``fold`` (0..4), the assignment of
StratifiedKFold(n_splits=5, shuffle=True, random_state=0), so the Java test uses the same folds.
Values are written with 17 significant digits, so Java reads exactly the doubles used here.

For each C in CS the JSON has, on StandardScaler-standardised data (population std, a constant
column gets scale 1 and so z = 0), the fit of
``LogisticRegression(penalty='l2', C=C, solver='newton-cholesky', tol=1e-12, max_iter=1000)``:
intercept and coefficients (standardised space), its KKT residual (max |gradient| of the mean
objective), and the out-of-fold ROC AUC of the decision function when the scaler and the model
are fitted on each fold's training rows only (plus the out-of-fold logits themselves).
The Java objective is lambda = 1 / C on the summed log-loss.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "lr")
CS = [0.05, 1.0, 20.0]
FOLDS = 5


def synthetic(n=2000, d=10, seed=7):
    rng = np.random.default_rng(seed)
    mu = rng.uniform(-5, 50, size=d)
    s = np.exp(rng.uniform(np.log(0.1), np.log(100.0), size=d))
    beta = rng.normal(0, 1, size=d) * 1.5 / np.sqrt(d)
    common = rng.normal(size=(n, 1))
    z = np.sqrt(0.8) * rng.normal(size=(n, d)) + np.sqrt(0.2) * common
    y = (rng.random(n) < 1 / (1 + np.exp(-(-1.2 + z @ beta)))).astype(np.int64)
    x = mu + s * z
    return [f"f{j}" for j in range(d)], x, y


def degenerate(n=1200, seed=11):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 4))
    y = (rng.random(n) < 1 / (1 + np.exp(-(-0.8 + z @ np.array([1.0, -0.7, 0.4, 0.0]))))).astype(np.int64)
    a = 10 + 3 * z[:, 0]
    cols = {
        "a": a,
        "b": 200 + 50 * z[:, 1],
        "c": 0.01 * z[:, 2],
        "d": z[:, 3],
        "constant": np.full(n, 4.25),
        "a_times_3_minus_7": 3 * a - 7,
        "minus_half_a": -0.5 * a,
    }
    return list(cols), np.column_stack(list(cols.values())), y


def kkt_mean(C, Z, y, w, b):
    """max |gradient| of mean logloss + ||w||^2 / (2 C n), the objective newton-cholesky stops on."""
    n = len(y)
    p = 1 / (1 + np.exp(-(Z @ w + b)))
    g_w = Z.T @ (p - y) / n + w / (C * n)
    g_b = np.sum(p - y) / n
    return float(max(np.max(np.abs(g_w)), abs(g_b)))


def fit(C, Z, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a solver fallback or convergence warning must not pass silently
        m = LogisticRegression(penalty="l2", C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(Z, y)
    return m


def run(name, features, x, y):
    n, d = x.shape
    folds = np.empty(n, dtype=np.int64)
    for k, (_, te) in enumerate(StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0).split(x, y)):
        folds[te] = k
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write(",".join(features + ["label", "fold"]) + "\n")
        for i in range(n):
            f.write(",".join("%.17g" % v for v in x[i]) + ",%d,%d\n" % (y[i], folds[i]))
    # read back what Java will read
    x = np.array([[float(v) for v in line.split(",")[:d]]
                  for line in open(os.path.join(OUT, name + ".csv")).read().splitlines()[1:]])
    scaler = StandardScaler().fit(x)
    Z = scaler.transform(x)
    fits = []
    for C in CS:
        m = fit(C, Z, y)
        w, b = m.coef_.ravel(), float(m.intercept_[0])
        oof = np.empty(n)
        for k in range(FOLDS):
            tr, te = folds != k, folds == k
            sc = StandardScaler().fit(x[tr])
            mk = fit(C, sc.transform(x[tr]), y[tr])
            oof[te] = mk.decision_function(sc.transform(x[te]))
        fits.append({
            "C": C, "lambda": 1.0 / C, "n_iter": int(m.n_iter_[0]),
            "intercept": b, "coef": w.tolist(), "kkt_max_abs_grad_mean": kkt_mean(C, Z, y, w, b),
            "oof_auc": float(roc_auc_score(y, oof)), "oof_logit": oof.tolist(),
        })
    doc = {"name": name, "sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
           "solver": "newton-cholesky", "tol": 1e-12, "n": n, "d": d, "features": features,
           "positives": int(y.sum()), "folds": FOLDS,
           "fold_split": "StratifiedKFold(n_splits=5, shuffle=True, random_state=0)",
           "scaler_mean": scaler.mean_.tolist(), "scaler_scale": scaler.scale_.tolist(), "fits": fits}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(name, [(r["C"], r["n_iter"], r["kkt_max_abs_grad_mean"], r["oof_auc"]) for r in fits], file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    run("synthetic", *synthetic())
    run("degenerate", *degenerate())


if __name__ == "__main__":
    main()
