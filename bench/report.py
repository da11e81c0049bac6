#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn one `make check` run into a per-suite table and a verdict.

usage: report.py CHECK_DIR KUNIT_LIST

CHECK_DIR holds what check.sh gathered:
  bench.tsv        NAME ok|fail                       (bench self-test cases)
  checkpatch.tsv   PATCH ERRORS WARNINGS CHECKS       (one line per patch)
  vm/console.log   the kernel console (KUnit's KTAP is parsed from it)
  vm/kselftest/    results.tsv and one log per kselftest
  vm/trouble.txt   scan-trouble.py's findings ('' when clean)
  vm/status        the in-VM command's exit status
KUNIT_LIST names the KUnit suites that must have run; one missing counts
as a failure.

Prints the table, then one line 'N passed, N failed, N skipped', and exits
1 if anything failed.
"""
import os
import re
import sys

TS = re.compile(r'^\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(not )?ok \d+( -)? ?([^#]*?)\s*(#\s*(\S+).*)?$')


class Suite:
    def __init__(self, name):
        self.name = name
        self.passed = self.failed = self.skipped = 0
        self.notes = []

    def add(self, ok, directive):
        if directive and directive.upper() == 'SKIP':
            self.skipped += 1
        elif ok:
            self.passed += 1
        else:
            self.failed += 1


def parse_kunit(console):
    """KUnit suites: '# Subtest: S' at indent 4, cases at indent 4,
    the suite's own result at indent 0.  Parameter sub-results (deeper)
    are folded into their case's line."""
    suites = {}
    cur = None
    for raw in console:
        line = TS.sub('', raw.rstrip('\n'))
        indent = len(line) - len(line.lstrip(' '))
        body = line.strip()
        m = re.match(r'^# Subtest: (\S+)', body)
        if m and indent == 4:
            cur = suites.setdefault(m.group(1), Suite(m.group(1)))
            continue
        m = RESULT.match(body)
        if not m or cur is None:
            continue
        if indent == 4:
            cur.add(m.group(1) is None, m.group(5))
            if m.group(1) is not None:
                cur.notes.append(m.group(3))
        elif indent == 0:
            if m.group(3) == cur.name and m.group(1) and not cur.failed:
                cur.failed += 1
                cur.notes.append('suite failed')
            cur = None
    return suites


def parse_kselftests(kdir):
    suites = []
    res = os.path.join(kdir, 'results.tsv')
    if not os.path.exists(res):
        return suites
    for row in open(res):
        d, prog, rc, secs = row.rstrip('\n').split('\t')
        rc = int(rc)
        s = Suite(f'{d}/{prog}')
        s.notes.append(f'{secs}s')
        log = os.path.join(kdir, f'{d}_{prog}'.replace('/', '_') + '.log')
        try:
            lines = open(log, errors='replace').read().splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            m = RESULT.match(line)
            if m:
                s.add(m.group(1) is None, m.group(5))
                if m.group(1):
                    s.notes.append('not ok: ' + m.group(3))
        total = s.passed + s.failed + s.skipped
        if rc == 124 or rc == 137:
            s.failed += 1
            s.notes.append('timeout')
        elif total == 0:
            s.add(rc == 0, 'SKIP' if rc == 4 else None)
            if rc not in (0, 4):
                s.notes.append(f'exit {rc}')
        elif rc not in (0, 4) and not s.failed:
            s.failed += 1
            s.notes.append(f'exit {rc} with all subtests ok')
        suites.append(s)
    return suites


def main():
    cdir, klist = sys.argv[1], sys.argv[2]
    vm = os.path.join(cdir, 'vm')
    rows = []

    bt = os.path.join(cdir, 'bench.tsv')
    s = Suite('bench self-test')
    if os.path.exists(bt):
        for row in open(bt):
            name, st = row.rstrip('\n').split('\t')
            s.add(st == 'ok', None)
            if st != 'ok':
                s.notes.append(name.split('.')[-1])
    if not s.passed + s.failed:
        s.failed = 1
        s.notes.append('did not run')
    rows.append(('bench', s))

    cp = os.path.join(cdir, 'checkpatch.tsv')
    if os.path.exists(cp):
        s = Suite('checkpatch --strict')
        for row in open(cp):
            patch, err, warn, chk = row.rstrip('\n').split('\t')
            s.add(int(err) == 0, None)
            if int(err):
                s.notes.append(f'{patch}: {err} errors')
            elif int(warn) or int(chk):
                s.notes.append(f'{patch}: {warn} warnings, {chk} checks')
        rows.append(('series', s))

    try:
        console = open(os.path.join(vm, 'console.log'),
                       errors='replace').readlines()
    except FileNotFoundError:
        console = None
    if console is not None:
        kunit = parse_kunit(console)
        want = [x.split('#')[0].strip() for x in open(klist)]
        want = [x for x in want if x]
        for name in want:
            if name not in kunit:
                s = Suite(name)
                s.failed = 1
                s.notes.append('did not run')
                kunit[name] = s
        for name in sorted(kunit):
            s = kunit[name]
            if name not in want:
                s.notes.append('not in tests/kunit.list')
            rows.append(('kunit', s))
        for s in parse_kselftests(os.path.join(vm, 'kselftest')):
            rows.append(('kselftest', s))

        s = Suite('kernel log clean')
        trouble = ''
        try:
            trouble = open(os.path.join(vm, 'trouble.txt')).read()
        except FileNotFoundError:
            trouble = 'no scan'
        s.add(not trouble.strip(), None)
        for line in trouble.splitlines():
            if not line.startswith(' '):
                s.notes.append(line.split(';')[0])
        rows.append(('vm', s))

        s = Suite('vm run completed')
        try:
            st = open(os.path.join(vm, 'status')).read().strip()
        except FileNotFoundError:
            st = 'none'
        s.add(st == '0', None)
        if st != '0':
            s.notes.append(f'status {st}')
        rows.append(('vm', s))

    p = f = k = 0
    print(f'{"kind":<10} {"suite":<44} {"pass":>5} {"fail":>5} {"skip":>5}  notes')
    print('-' * 86)
    for kind, s in rows:
        note = '; '.join(s.notes)[:120]
        print(f'{kind:<10} {s.name:<44} {s.passed:>5} {s.failed:>5} '
              f'{s.skipped:>5}  {note}')
        p += s.passed
        f += s.failed
        k += s.skipped
    print('-' * 86)
    print(f'{p} passed, {f} failed, {k} skipped')
    return 1 if f or (p == 0) else 0


if __name__ == '__main__':
    sys.exit(main())
