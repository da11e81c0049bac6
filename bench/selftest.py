#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-test of the bench: feed the scanners and parsers known failures.

A bench that never sees a failure proves nothing; these cases show that
every kind of kernel trouble, every KTAP failure shape and every series
mismatch is caught.  Runs on the host in a few seconds.

usage: selftest.py [TSV]    (TSV: write 'name<TAB>ok|fail' per case)
"""
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


scan = load('scan_trouble', 'scan-trouble.py')
report = load('report', 'report.py')

CLEAN = """\
[    0.000000] Linux version 6.1.192-mp+
[    1.000000] NET: Registered PF_INET protocol family
[   12.750319] Run /work/main/bench/vm-init as init process
"""

REPORTS = {
    'KASAN': '[   20.1] BUG: KASAN: use-after-free in page_pool_put_page+0x1/0x2',
    'UBSAN': '[   20.1] UBSAN: shift-out-of-bounds in net/core/dev.c:1:2',
    'lockdep': '[   20.1] WARNING: possible circular locking dependency detected',
    'RCU': '[   20.1] rcu: INFO: rcu_sched self-detected stall on CPU',
    'hung task': '[  200.1] INFO: task kworker/0:1:12 blocked for more than 60 seconds.',
    'soft lockup': '[   20.1] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [a:1]',
    'refcount': '[   20.1] refcount_t: underflow; use-after-free.',
    'ref_tracker': '[   20.1] unregister_netdevice: waiting for eth0 to become free. Usage count = 2',
    'page_pool leak': '[  80.1] page_pool_release_retry() stalled pool shutdown 1 inflight 60 sec',
    'list corruption': '[   20.1] list_del corruption. prev->next should be ffff',
    'Oops': '[   20.1] general protection fault, probably for non-canonical address',
    'panic': '[   20.1] Kernel panic - not syncing: Fatal exception',
    'BUG': '[   20.1] BUG: sleeping function called from invalid context at mm/slab.h:1',
    'WARNING': '[   20.1] WARNING: CPU: 1 PID: 77 at net/core/page_pool.c:1 f+0x1/0x2',
    'stack dump': '[   20.1] Call Trace:',
}

KUNIT = """\
[    6.1] KTAP version 1
[    6.1] 1..3
[    6.2]     KTAP version 1
[    6.2]     # Subtest: alpha
[    6.2]     1..3
[    6.2]     ok 1 a_one
[    6.2]     not ok 2 a_two
[    6.2]     ok 3 a_three # SKIP needs hardware
[    6.2] # alpha: pass:1 fail:1 skip:1 total:3
[    6.2] not ok 1 alpha
[    6.3]     KTAP version 1
[    6.3]     # Subtest: beta
[    6.3]     1..1
[    6.3]         KTAP version 1
[    6.3]         # Subtest: b_param
[    6.3]         ok 1 first
[    6.3]         not ok 2 second
[    6.3]     not ok 1 b_param
[    6.3] not ok 2 beta
[    6.4]     KTAP version 1
[    6.4]     # Subtest: gamma
[    6.4]     1..1
[    6.4]     ok 1 - g_one
[    6.4] ok 3 - gamma
"""


class Scan(unittest.TestCase):
    def run_dir(self, console, kmemleak=None):
        d = tempfile.mkdtemp()
        with open(os.path.join(d, 'console.log'), 'w') as f:
            f.write(console)
        if kmemleak is not None:
            with open(os.path.join(d, 'kmemleak.txt'), 'w') as f:
                f.write(kmemleak)
        return d

    def scan(self, d):
        r = subprocess.run([sys.executable, os.path.join(HERE, 'scan-trouble.py'), d],
                           capture_output=True, text=True)
        return r.returncode, r.stdout

    def test_clean_console_passes(self):
        self.assertEqual(self.scan(self.run_dir(CLEAN, ''))[0], 0)

    def test_every_kind_is_named(self):
        for kind, line in REPORTS.items():
            with self.subTest(kind=kind):
                rc, out = self.scan(self.run_dir(CLEAN + line + '\n'))
                self.assertEqual(rc, 1)
                self.assertTrue(out.startswith(kind + ':'), out)

    def test_trace_after_report_is_not_double_counted(self):
        rc, out = self.scan(self.run_dir(CLEAN + REPORTS['WARNING'] + '\n' +
                                         REPORTS['stack dump'] + '\n'))
        self.assertEqual(rc, 1)
        self.assertNotIn('stack dump', out)

    def test_kmemleak_fails(self):
        leak = ('unreferenced object 0xffff888004b8e000 (size 64):\n'
                '  comm "sh", pid 1, jiffies 4294\n')
        rc, out = self.scan(self.run_dir(CLEAN, leak))
        self.assertEqual(rc, 1)
        self.assertIn('kmemleak: 1 report', out)

    def test_missing_console_fails(self):
        self.assertEqual(self.scan(tempfile.mkdtemp())[0], 1)


class KTAP(unittest.TestCase):
    def test_kunit_cases_params_and_skips(self):
        s = report.parse_kunit(KUNIT.splitlines(True))
        self.assertEqual((s['alpha'].passed, s['alpha'].failed, s['alpha'].skipped), (1, 1, 1))
        self.assertEqual((s['beta'].passed, s['beta'].failed), (0, 1))
        self.assertEqual((s['gamma'].passed, s['gamma'].failed), (1, 0))

    def kselftest(self, rc, log):
        d = tempfile.mkdtemp()
        with open(os.path.join(d, 'results.tsv'), 'w') as f:
            f.write(f'net\tprog\t{rc}\t1\n')
        with open(os.path.join(d, 'net_prog.log'), 'w') as f:
            f.write(log)
        (s,) = report.parse_kselftests(d)
        return s.passed, s.failed, s.skipped

    def test_exit_status_alone(self):
        self.assertEqual(self.kselftest(0, 'fine\n'), (1, 0, 0))
        self.assertEqual(self.kselftest(1, 'broken\n'), (0, 1, 0))
        self.assertEqual(self.kselftest(4, 'SKIP: no tool\n'), (0, 0, 1))

    def test_subtests_and_bad_exit(self):
        tap = 'TAP version 13\n1..3\nok 1 a\nnot ok 2 b\nok 3 c # SKIP x\n'
        self.assertEqual(self.kselftest(1, tap), (1, 1, 1))
        self.assertEqual(self.kselftest(2, 'ok 1 a\n'), (1, 1, 0))

    def test_timeout_fails(self):
        self.assertEqual(self.kselftest(124, 'ok 1 a\n'), (1, 1, 0))

    def test_missing_kunit_suite_fails(self):
        d = tempfile.mkdtemp()
        os.makedirs(os.path.join(d, 'vm'))
        with open(os.path.join(d, 'vm', 'console.log'), 'w') as f:
            f.write(KUNIT)
        for name, text in (('trouble.txt', ''), ('status', '0\n')):
            with open(os.path.join(d, 'vm', name), 'w') as f:
                f.write(text)
        with open(os.path.join(d, 'bench.tsv'), 'w') as f:
            f.write('selftest.case\tok\n')
        klist = os.path.join(d, 'kunit.list')
        with open(klist, 'w') as f:
            f.write('gamma\ndelta\n')
        r = subprocess.run([sys.executable, os.path.join(HERE, 'report.py'), d, klist],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r'kunit +delta +0 +1 +0 +did not run')
        self.assertRegex(r.stdout, r'bench +bench self-test +1 +0 +0')
        self.assertRegex(r.stdout.splitlines()[-1], r'^\d+ passed, \d+ failed, \d+ skipped$')


class Config(unittest.TestCase):
    def test_mismatch_is_reported(self):
        d = tempfile.mkdtemp()
        frag, dot = os.path.join(d, 'frag'), os.path.join(d, 'dot')
        with open(frag, 'w') as f:
            f.write('CONFIG_A=y\nCONFIG_B=n\nCONFIG_C="x"\n')
        with open(dot, 'w') as f:
            f.write('CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C="x"\n')
        chk = [sys.executable, os.path.join(HERE, 'config-check.py'), frag, dot]
        self.assertEqual(subprocess.run(chk).returncode, 0)
        with open(dot, 'w') as f:
            f.write('# CONFIG_A is not set\nCONFIG_B=y\n')
        r = subprocess.run(chk, capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(len(r.stdout.splitlines()), 3)


class Series(unittest.TestCase):
    """export_to and series_diff on a toy tree: deterministic, and every
    difference between tree and patches/ is named."""

    def sh(self, script, env):
        return subprocess.run(['bash', '-c', f'. {HERE}/lib.sh; {script}'],
                              capture_output=True, text=True, env=env)

    def test_export_is_deterministic_and_diffs_are_named(self):
        d = tempfile.mkdtemp()
        tree, root = os.path.join(d, 'tree'), os.path.join(d, 'repo')
        os.makedirs(os.path.join(root, 'patches'))
        os.makedirs(os.path.join(root, 'bench'))
        env = dict(os.environ, MP_TREE=tree, MP_CACHE=d,
                   GIT_AUTHOR_DATE='2001-01-01T00:00:00Z',
                   GIT_COMMITTER_DATE='2001-01-01T00:00:00Z')
        git = f'git -C {tree} -c user.name=t -c user.email=t@t.invalid'
        self.assertEqual(self.sh(
            f'mkdir -p {tree} && {git} init -q && echo a > {tree}/f && '
            f'{git} add f && {git} commit -qm base && {git} tag mp-base && '
            f'echo b >> {tree}/f && {git} commit -qam "x: one"', env).returncode, 0)
        # lib.sh takes MP_ROOT from its own location; point it at the toy.
        pre = f'MP_ROOT={root};'
        r1 = self.sh(pre + f'export_to {d}/e1 && export_to {d}/e2 && diff -r {d}/e1 {d}/e2', env)
        self.assertEqual(r1.returncode, 0, r1.stdout + r1.stderr)
        self.assertIn('in tree, not in patches/', self.sh(pre + f'series_diff {d}/e1', env).stdout)
        self.sh(f'cp {d}/e1/*.patch {root}/patches/', env)
        self.assertEqual(self.sh(pre + f'series_diff {d}/e1', env).stdout, '')
        self.sh(f'echo junk >> {root}/patches/0001-x-one.patch', env)
        self.assertIn('differs', self.sh(pre + f'series_diff {d}/e1', env).stdout)
        self.sh(f'rm {d}/e1/*.patch', env)
        self.assertIn('not in tree', self.sh(pre + f'series_diff {d}/e1', env).stdout)


PATCH = """\
From: Test <test@example.invalid>
Subject: [PATCH] {subject}

A patch for the bench's self-test, never applied.

Signed-off-by: Test <test@example.invalid>
---
{diff}"""

NEW_FILE = """\
diff --git a/{path} b/{path}
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/{path}
@@ -0,0 +1,3 @@
+// SPDX-License-Identifier: GPL-2.0
+
+static int nsim_selftest_value;
"""

LONG_LINE = """\
diff --git a/net/core/netmem.c b/net/core/netmem.c
index 1111111..2222222 100644
--- a/net/core/netmem.c
+++ b/net/core/netmem.c
@@ -1,3 +1,4 @@
 // SPDX-License-Identifier: GPL-2.0
 
+static int netmem_selftest_value_with_a_very_long_name_that_goes_on_and_on = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8;
 #include <linux/kernel.h>
"""


class Checkpatch(unittest.TestCase):
    """checkpatch.sh counts what checkpatch reports, in --showfile form."""

    def run_on(self, diff):
        tree = os.environ.get('MP_TREE',
                              os.path.expanduser('~/.cache/mp-series/linux'))
        if not os.path.exists(os.path.join(tree, 'scripts/checkpatch.pl')):
            self.skipTest('no kernel work tree')
        with tempfile.TemporaryDirectory() as d:
            patch = os.path.join(d, 'test.patch')
            with open(patch, 'w') as f:
                f.write(PATCH.format(subject='net: selftest', diff=diff))
            out = subprocess.run([os.path.join(HERE, 'checkpatch.sh'),
                                  os.path.join(d, 'log'), patch],
                                 capture_output=True, text=True, check=True)
        return [int(x) for x in out.stdout.split('\t')[1:4]]

    def test_long_line_is_a_warning(self):
        self.assertEqual(self.run_on(LONG_LINE)[1], 1)

    def test_new_file_with_maintainers_section_is_clean(self):
        path = 'drivers/net/netdevsim/selftest.c'
        self.assertEqual(self.run_on(NEW_FILE.format(path=path)), [0, 0, 0])

    def test_new_file_without_maintainers_section_warns(self):
        path = 'nowhere/selftest.c'
        self.assertEqual(self.run_on(NEW_FILE.format(path=path))[1], 1)

    def test_unreadable_patch_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            out = subprocess.run([os.path.join(HERE, 'checkpatch.sh'),
                                  os.path.join(d, 'log'),
                                  os.path.join(d, 'missing.patch')],
                                 capture_output=True, text=True, check=True)
        self.assertEqual(out.stdout.split('\t')[1], '1')


class Collect(unittest.TextTestResult):
    rows = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.rows.append((test.id(), 'ok'))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.rows.append((test.id(), 'fail'))

    def addError(self, test, err):
        super().addError(test, err)
        self.rows.append((test.id(), 'fail'))


if __name__ == '__main__':
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    res = unittest.TextTestRunner(resultclass=Collect, verbosity=1).run(suite)
    if len(sys.argv) > 1:
        with open(sys.argv[1], 'w') as f:
            for name, st in Collect.rows:
                f.write(f'{name}\t{st}\n')
    sys.exit(0 if res.wasSuccessful() else 1)
