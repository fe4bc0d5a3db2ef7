#!/usr/bin/env python3
"""Golden numbers for the penalty scale of leadscore-model: numerics standardised, indicators on 0/1.

scikit-learn's usual pipeline, ``ColumnTransformer(StandardScaler on numerics, OneHotEncoder on
categoricals)`` + ``LogisticRegression(C)``, must give the same coefficients and logits as
``ModelTrainer`` with ``lambda = 1 / C`` (summed log loss, intercept not penalised, no class
weights). Two fixtures, written beside this script:

* ``xeducation/parity.json``: the X Education export (``../shared/data/xeducation-leads/Leads.csv``
  beside the repository, never copied into it) read through ``xeducation/parity-schema.json``. The
  schema's extraction is mirrored here column for column: numerics mean-imputed then
  ``StandardScaler``; ``_missing`` flags (``MissingIndicator``) and booleans (Yes/No -> 1/0, missing
  -> 0) passed through on 0/1; categoricals normalised (trimmed, lower case, inner whitespace
  collapsed), ``Select`` and empty read as missing, levels seen fewer than ``minCount`` times folded
  into ``other``, then ``OneHotEncoder`` (one column per kept level, ``other`` and ``missing``).
  The Java test reads the same CSV and skips when it is absent.
* ``xeducation/mixed.csv`` + ``mixed.json``: synthetic rows (committed, so this check runs
  everywhere): three numerics on very different scales, a five-level one-hot with a level on 6 of
  1500 rows, a boolean on 1 % of rows, with ``StratifiedKFold(5, shuffle=True, random_state=0)``
  folds and the out-of-fold logits of the same pipeline fitted inside each fold.

Solver: ``newton-cholesky``, ``tol=1e-12``. Values are written with 17 significant digits.

Usage: /work/venv/bin/python make_xeducation_parity.py [path/to/Leads.csv]
(made with scikit-learn 1.9.1; any version with OneHotEncoder(sparse_output=...) works).
"""
import json
import os
import re
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "xeducation")
CS = [0.01, 1.0, 100.0]
EVERY = 20  # logits of every 20th row go into the fixture


def fit(C, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)


def normalise(v):
    return re.sub(r"\s+", " ", str(v).strip().lower())


def xeducation(path):
    schema = json.load(open(os.path.join(OUT, "parity-schema.json")))
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    y = (raw["Converted"].str.strip() == "1").astype(np.int64).values
    cols, blocks = [], {"num": [], "flag": [], "bool": [], "cat": []}
    frame = {}
    for f in schema["features"]:
        a = raw[f["attribute"]].str.strip()
        missing = (a == "") | a.isin(f.get("missingTokens", []))
        if f["kind"] == "numeric":
            v = pd.to_numeric(a.where(~missing), errors="raise")
            frame[f["name"]] = v.values.astype(float)
            blocks["num"].append(f["name"])
            cols.append(f["name"])
            if f["missingFlag"]:
                blocks["flag"].append(f["name"])
                cols.append(f["name"] + "_missing")
        elif f["kind"] == "boolean":
            t = a.str.lower()
            frame[f["name"]] = np.where(missing, 0.0, t.isin(["true", "yes", "y", "t", "1"]).astype(float))
            blocks["bool"].append(f["name"])
            cols.append(f["name"])
        else:
            t = a.map(normalise).where(~missing)
            counts = t.value_counts()
            kept = sorted(l for l, c in counts.items() if c >= f["minCount"] and l not in ("other", "missing"))
            frame[f["name"]] = np.where(missing, "missing", np.where(t.isin(kept), t, "other"))
            blocks["cat"].append((f["name"], kept + ["other", "missing"]))
            cols += [f["name"] + "=" + l for l in kept + ["other", "missing"]]
    X = pd.DataFrame(frame)
    ct = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), blocks["num"]),
        ("flag", MissingIndicator(features="all"), blocks["flag"]),
        ("bool", "passthrough", blocks["bool"]),
        ("cat", OneHotEncoder(categories=[c for _, c in blocks["cat"]], sparse_output=False),
         [n for n, _ in blocks["cat"]]),
    ])
    Z = ct.fit_transform(X)
    # the transformer's column order, in leadscore's names
    names = (blocks["num"] + [n + "_missing" for n in blocks["flag"]] + blocks["bool"]
             + [n + "=" + l for n, levels in blocks["cat"] for l in levels])
    assert Z.shape[1] == len(names) and sorted(names) == sorted(cols)
    rows = list(range(0, len(y), EVERY))
    fits = []
    for C in CS:
        m = fit(C, Z, y)
        fits.append({"C": C, "lambda": 1.0 / C, "intercept": float(m.intercept_[0]),
                     "coef": dict(zip(names, m.coef_.ravel().tolist())),
                     "logit": m.decision_function(Z[rows]).tolist()})
        print("xeducation C", C, "iterations", int(m.n_iter_[0]), file=sys.stderr)
    return {"n": int(len(y)), "positives": int(y.sum()), "rows_every": EVERY,
            "ids": raw["Prospect ID"].iloc[rows].tolist(), "fits": fits}


def mixed(n=1500, seed=5):
    rng = np.random.default_rng(seed)
    num = np.column_stack([50 + 20 * rng.normal(size=n), 0.01 * rng.normal(size=n), 1e4 * rng.exponential(size=n)])
    level = rng.choice(5, size=n, p=[0.5, 0.3, 0.15, 0.046, 0.004])
    onehot = np.eye(5)[level]
    flag = (rng.random(n) < 0.01).astype(float)
    t = -0.7 + 0.04 * (num[:, 0] - 50) + 60 * num[:, 1] - 3e-5 * num[:, 2] + onehot @ np.array([0, 0.5, -0.6, 1.0, 2.0]) + 1.5 * flag
    y = (rng.random(n) < 1 / (1 + np.exp(-t))).astype(np.int64)
    x = np.column_stack([num, onehot, flag])
    names = ["a", "b", "c", "level=l0", "level=l1", "level=l2", "level=l3", "level=l4", "flag"]
    folds = np.empty(n, dtype=np.int64)
    for k, (_, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(x, y)):
        folds[te] = k
    with open(os.path.join(OUT, "mixed.csv"), "w") as f:
        f.write(",".join(names + ["label", "fold"]) + "\n")
        for i in range(n):
            f.write(",".join("%.17g" % v for v in x[i]) + ",%d,%d\n" % (y[i], folds[i]))
    x = np.loadtxt(os.path.join(OUT, "mixed.csv"), delimiter=",", skiprows=1)[:, :len(names)]

    def pipe():
        return ColumnTransformer([("num", StandardScaler(), [0, 1, 2]), ("ind", "passthrough", list(range(3, 9)))])

    fits = []
    for C in CS:
        ct = pipe()
        m = fit(C, ct.fit_transform(x), y)
        oof = np.empty(n)
        for k in range(5):
            tr, te = folds != k, folds == k
            ck = pipe()
            mk = fit(C, ck.fit_transform(x[tr]), y[tr])
            oof[te] = mk.decision_function(ck.transform(x[te]))
        fits.append({"C": C, "lambda": 1.0 / C, "intercept": float(m.intercept_[0]), "coef": m.coef_.ravel().tolist(),
                     "oof_logit": oof.tolist()})
    return {"n": n, "d": len(names), "names": names, "indicators": [False] * 3 + [True] * 6, "folds": 5, "fits": fits}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, *[".."] * 6, "shared", "data",
                                                             "xeducation-leads", "Leads.csv")
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
            "solver": "newton-cholesky", "tol": 1e-12}
    doc = dict(meta, **mixed())
    with open(os.path.join(OUT, "mixed.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    doc = dict(meta, **xeducation(path))
    with open(os.path.join(OUT, "parity.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
