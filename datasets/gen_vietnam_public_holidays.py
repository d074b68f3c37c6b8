#!/usr/bin/python3
"""Writes datasets/vietnam_public_holidays.csv: Vietnamese public days off 2000-2030.

Rows with source=rule come from `forecast calendar --holiday vn-public` (Labour Code rules:
1994 code until Tet 2013 with 4 Tet days, 2012 code from Tet 2014 with 5, 2019 code from 2021
with a 2nd National Day; Hung Kings day 10/3 lunar from 2007; weekend holidays compensated on
the next working day). Rows with source=decree replace the rule's Tet block where the actual
closure announced by the government is documented (domain.md section 2.5):
  Tet 2020: 23-29 Jan 2020  (vneconomictimes.com, "2020 public holidays announced")
  Tet 2021: 10-16 Feb 2021  (sggpnews.org.vn, "Vietnam's public holidays in 2021")
Usage (from the repository root, after make): /usr/bin/python3 datasets/gen_vietnam_public_holidays.py [FORECAST]
"""
import datetime as dt
import subprocess
import sys

exe = sys.argv[1] if len(sys.argv) > 1 else 'build/forecast'
out = subprocess.run([exe, 'calendar', '--holiday', 'vn-public', '--from', '2000', '--to', '2030'],
                     check=True, capture_output=True, text=True).stdout.splitlines()[1:]
rows = []
for line in out:
    year, date, name = line.split(',', 2)
    rows.append((date, name, 'rule'))

decrees = {2020: ('2020-01-23', '2020-01-29', 'Tet (decree; incl. weekend)'),
           2021: ('2021-02-10', '2021-02-16', 'Tet (decree; incl. weekend)')}
for year, (a, b, name) in decrees.items():
    tet_months = ('%d-01' % year, '%d-02' % year)
    rows = [r for r in rows if not (r[0][:7] in tet_months and r[1] in ('Tet', 'compensation day'))]
    d, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    while d <= end:
        rows.append((d.isoformat(), name, 'decree'))
        d += dt.timedelta(days=1)
rows.sort()
with open('datasets/vietnam_public_holidays.csv', 'w') as f:
    f.write('date,name,source\n')
    for r in rows:
        f.write('%s,%s,%s\n' % r)
print('%d rows' % len(rows))
