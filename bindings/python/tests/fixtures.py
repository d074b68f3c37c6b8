"""Readers of the shared test fixtures under tests/fixtures (the files the C
suites read too), for the Python binding tests."""
import csv
import os

from helpers import REPO

FIXTURES = os.path.join(REPO, "tests", "fixtures")


def fixture_path(*parts):
    """tests/fixtures/<parts...> of this checkout."""
    return os.path.join(FIXTURES, *parts)


def csv_rows(name):
    """Rows (dicts) of the CSV fixture `name`, its "#" comment lines left out
    (the generators record the peer's version there)."""
    with open(fixture_path(name)) as f:
        return list(csv.DictReader(l for l in f if not l.startswith("#")))


def unitroot_series():
    """{name: values} of unitroot_series.csv, the series behind the
    auto.arima, Theta and unit-root fixtures (long form series,date,value)."""
    out = {}
    for r in csv_rows("unitroot_series.csv"):
        out.setdefault(r["series"], []).append(float(r["value"]))
    return out


def case_blocks(name, named=()):
    """The `case NAME` ... `end` blocks of a text fixture (arima_cases.txt,
    project_cases.txt): one dict a block, {"name": NAME, key: [words...]}
    for each line `key words...`; a key in `named` collects its lines
    `key LABEL numbers...` into {LABEL: [floats...]} instead."""
    out, cur = [], None
    with open(fixture_path(name)) as f:
        for line in f:
            p = line.split()
            if not p or p[0].startswith("#"):
                continue
            if p[0] == "case":
                cur = {"name": p[1]}
                cur.update({k: {} for k in named})
            elif p[0] == "end":
                out.append(cur)
                cur = None
            elif p[0] in named:
                cur[p[0]][p[1]] = [float(x) for x in p[2:]]
            else:
                cur[p[0]] = p[1:]
    return out
