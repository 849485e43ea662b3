"""Runs one CPython regression test module and writes each test's outcome.

    INTERPRETER tests/cpython/driver.py MODULE OUTFILE

Runs under Taipan (or python3, for CPython's own counts). MODULE is a name
under Lib/test (`test_int`, or a package such as `test_asyncio`); tests are
loaded as CPython's regrtest loads them (the `load_tests` protocol, or
`test_main` for old-style modules is not needed in 3.11). A module may also come from the directory in
$TAIPAN_EXTRA_TESTS (see below); the tests named in $TAIPAN_SKIP_TESTS (full
ids, one a line) are reported as skipped without running. OUTFILE receives one
JSON object per line, each an event: {"running": test_id or null},
{"outcome": [test_id, outcome, detail]} (the last one of a test counts) or
{"load_error": str}, where outcome is pass, fail, error, skip, xfail or xpass.
Events are appended and flushed as they happen, so a crash of the interpreter
still leaves the outcomes of the tests that ran before it (and the test that
was running). Appending keeps the cost per test constant: rewriting the whole
record after every test made a module of n tests cost O(n^2) JSON encoding
(a minute of test_email's run under Taipan).
"""
import json
import os
import sys
import traceback
import unittest

import test

# A module missing from python3's Lib/test comes from this directory (run.py's
# `from-debian` marker), after Lib/test so that test.support and every module
# present in both stay python3's own. This runs at import time, not in main():
# multiprocessing's spawn and forkserver children import this file as their
# __mp_main__, and they too must find the module to unpickle its functions.
if os.environ.get("TAIPAN_EXTRA_TESTS"):
    test.__path__.append(os.environ["TAIPAN_EXTRA_TESTS"])


def short(err_text, limit=800):
    text = err_text.strip()
    return text if len(text) <= limit else "..." + text[-limit:]


class RecordingResult(unittest.TextTestResult):
    def __init__(self, outfile, stream, descriptions, verbosity):
        super().__init__(stream, descriptions, verbosity)
        self.out = open(outfile, "w")
        self.outcomes = {}

    def event(self, **kw):
        self.out.write(json.dumps(kw) + "\n")
        self.out.flush()

    def record(self, test, outcome, detail=""):
        test_id = test.id()
        # A test can report several outcomes (subtests, errors in tearDown):
        # the worst one counts.
        prev = self.outcomes.get(test_id)
        rank = {"pass": 0, "skip": 1, "xfail": 1, "xpass": 2, "fail": 3, "error": 4}
        if prev is None or rank[outcome] > rank[prev[0]]:
            self.outcomes[test_id] = [outcome, detail]
            self.event(outcome=[test_id, outcome, detail])

    def startTest(self, test):
        super().startTest(test)
        self.event(running=test.id())

    def stopTest(self, test):
        super().stopTest(test)
        self.event(running=None)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.record(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.record(test, "fail", short(self.failures[-1][1]))

    def addError(self, test, err):
        super().addError(test, err)
        # Errors in setUpClass/setUpModule come with a placeholder test.
        self.record(test, "error", short(self.errors[-1][1]))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.record(test, "skip", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.record(test, "xfail")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.record(test, "xpass")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "fail" if issubclass(err[0], test.failureException) else "error"
            self.record(test, kind, short("subtest %s:\n%s" % (subtest._subDescription(),
                                                               "".join(traceback.format_exception(*err)))))


def skip_listed(suite, ids):
    """Make the tests named in `ids` raise SkipTest instead of running (the
    instance attribute hides the class's test method)."""
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            skip_listed(test, ids)
        elif test.id() in ids:
            def skipped():
                raise unittest.SkipTest("skipped by tests/cpython/tests.txt")
            setattr(test, test._testMethodName, skipped)


def main():
    module, outfile = sys.argv[1], sys.argv[2]
    stream = unittest.runner._WritelnDecorator(sys.stderr)
    result = RecordingResult(outfile, stream, False, 0)
    try:
        from test import support
        support.verbose = 0
        suite = unittest.defaultTestLoader.loadTestsFromName("test." + module)
    except BaseException:
        result.event(load_error=short(traceback.format_exc(), 2000))
        return 1
    skip = set(filter(None, os.environ.get("TAIPAN_SKIP_TESTS", "").split("\n")))
    if skip:
        skip_listed(suite, skip)
    suite.run(result)
    result.out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
