#!/usr/bin/env python3
"""Compare two Fingerprint.java dump directories, component by component.

usage: compare.py BEFORE_DIR AFTER_DIR [--rel-tol X]

For each component (<name>.txt in either directory) prints whether the dumps are identical and,
when they are not, the largest absolute and relative difference of the numeric values, how many
numbers and how many text lines differ, and where the largest difference is.

Dumps are compared line by line. Within a line, numbers are the tokens that look like numbers and
are not glued to letters (so lead ids such as L000123 and hex checksums count as text); the rest of
the line is its text skeleton. Two lines with the same skeleton and as many numbers are compared
numerically (this also catches numbers inside reason texts, e.g. "3 visits in the last 30 days");
otherwise the line counts as a text difference. Relative difference is |a-b| / max(|a|,|b|).
With --rel-tol X a component whose only differences are numeric and within X (relative) is
reported as 'within tolerance' rather than 'DIFFERENT'.

Exit status: 0 if every component is identical (or within tolerance), 1 otherwise.
Standard library only.
"""
import math
import os
import re
import sys

NUM = re.compile(r'(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])')


def split(line):
    nums = []
    skel = NUM.sub(lambda m: (nums.append(m.group(0)), '\x00')[1], line)
    return skel, nums


def compare_component(a_path, b_path, rel_tol):
    with open(a_path, 'rb') as f:
        a_bytes = f.read()
    with open(b_path, 'rb') as f:
        b_bytes = f.read()
    if a_bytes == b_bytes:
        return 'equal', {}
    a = a_bytes.decode('utf-8').split('\n')
    b = b_bytes.decode('utf-8').split('\n')
    max_abs = 0.0
    max_rel = 0.0
    where_abs = where_rel = None
    num_diff = 0
    text_diff = 0
    first_text = None
    for i in range(min(len(a), len(b))):
        la, lb = a[i], b[i]
        if la == lb:
            continue
        sa, na = split(la)
        sb, nb = split(lb)
        if sa != sb or len(na) != len(nb):
            text_diff += 1
            if first_text is None:
                first_text = (i + 1, la, lb)
            continue
        for xa, xb in zip(na, nb):
            if xa == xb:
                continue
            fa, fb = float(xa), float(xb)
            if fa == fb:  # e.g. 1.0 vs 1
                continue
            num_diff += 1
            d = abs(fa - fb)
            den = max(abs(fa), abs(fb))
            r = d / den if den > 0 else 0.0
            if math.isnan(d):
                d = r = math.inf
            if d > max_abs:
                max_abs, where_abs = d, (i + 1, xa, xb)
            if r > max_rel:
                max_rel, where_rel = r, (i + 1, xa, xb)
    info = {
        'lines': (len(a), len(b)),
        'numbers_differing': num_diff,
        'text_lines_differing': text_diff,
        'max_abs': max_abs, 'max_abs_at': where_abs,
        'max_rel': max_rel, 'max_rel_at': where_rel,
        'first_text_diff': first_text,
    }
    structural = len(a) != len(b) or text_diff > 0
    if not structural and num_diff == 0:
        return 'same values (number formatting differs)', info
    if not structural and rel_tol is not None and max_rel <= rel_tol:
        return 'within tolerance', info
    return 'DIFFERENT', info


def main(argv):
    rel_tol = None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == '--rel-tol':
            rel_tol = float(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    da, db = args
    names = sorted({n for d in (da, db) for n in os.listdir(d) if n.endswith('.txt')})
    ok = True
    for n in names:
        comp = n[:-4]
        pa, pb = os.path.join(da, n), os.path.join(db, n)
        if not (os.path.exists(pa) and os.path.exists(pb)):
            print(f'{comp}: MISSING in {da if not os.path.exists(pa) else db}')
            ok = False
            continue
        verdict, info = compare_component(pa, pb, rel_tol)
        if verdict == 'equal':
            print(f'{comp}: equal')
            continue
        ok = ok and verdict != 'DIFFERENT'
        la, lb = info['lines']
        print(f'{comp}: {verdict}  max_abs={info["max_abs"]!r} max_rel={info["max_rel"]!r}'
              f'  numbers_differing={info["numbers_differing"]} text_lines_differing={info["text_lines_differing"]}'
              + (f'  LINE COUNT {la} vs {lb}' if la != lb else ''))
        if info['max_abs_at']:
            print(f'    max_abs at line {info["max_abs_at"][0]}: {info["max_abs_at"][1]} vs {info["max_abs_at"][2]}')
        if info['max_rel_at']:
            print(f'    max_rel at line {info["max_rel_at"][0]}: {info["max_rel_at"][1]} vs {info["max_rel_at"][2]}')
        if info['first_text_diff']:
            ln, ta, tb = info['first_text_diff']
            print(f'    first text difference at line {ln}:\n      - {ta[:200]}\n      + {tb[:200]}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
