# The datetime C API's capsule and what _testcapi's helpers do through it.
import datetime
import _datetime
import pickle
import copy

capi = datetime.datetime_CAPI
T = type(capi)
print(T, T.__module__, T.__name__, T.__qualname__, sorted(vars(T)))
print(capi is _datetime.datetime_CAPI)
print(repr(capi).startswith('<capsule object "datetime.datetime_CAPI" at 0x'))
print(T.__doc__.splitlines()[0])
print(hash(capi) == hash(capi), capi == capi, capi != capi)
for action in (T, lambda: pickle.dumps(capi), lambda: copy.copy(capi), lambda: setattr(capi, "x", 1)):
    try:
        action()
    except Exception as e:
        print(type(e).__name__, e)
try:
    class Sub(T):
        pass
except TypeError as e:
    print("TypeError", e)

import _testcapi
_testcapi.test_datetime_capi()
_testcapi.test_datetime_capi()
print(_testcapi.get_timezone_utc_capi() is datetime.timezone.utc)
print(_testcapi.get_timezone_utc_capi(True) is datetime.timezone.utc)
print(_testcapi.make_timezones_capi())
utc0, utc1, zero = _testcapi.get_timezones_offset_zero()
print(utc0 is datetime.timezone.utc, utc1 is datetime.timezone.utc, zero is datetime.timezone.utc, repr(zero))
print(_testcapi.get_date_fromdate(False, 2000, 2, 29), _testcapi.get_date_fromdate(True, 1, 1, 1))
print(repr(_testcapi.get_datetime_fromdateandtimeandfold(True, 1993, 8, 26, 22, 12, 55, 99999, 1)))
print(repr(_testcapi.get_time_fromtimeandfold(False, 23, 59, 59, 999999, 1)))
print(repr(_testcapi.get_delta_fromdsu(True, 1, 86400 * 3 + 5, -1)))
print(repr(_testcapi.get_delta_fromdsu(False, -1, 0, 0)))
for bad in ((False, 2001, 2, 29), (True, 0, 1, 1), (False, 2000, 13, 1)):
    try:
        _testcapi.get_date_fromdate(*bad)
    except ValueError as e:
        print("ValueError", e)
for bad in ((False, 24, 0, 0, 0), (False, 0, 60, 0, 0), (False, 0, 0, 0, 1000000)):
    try:
        _testcapi.get_time_fromtime(*bad)
    except ValueError as e:
        print("ValueError", e)
try:
    _testcapi.get_time_fromtimeandfold(False, 1, 2, 3, 4, 2)
except ValueError as e:
    print("ValueError", e)
try:
    _testcapi.get_delta_fromdsu(False, 999999999, 86400, 0)
except OverflowError as e:
    print("OverflowError", e)
print(_testcapi.get_date_fromtimestamp(0) == datetime.date.fromtimestamp(0))
print(_testcapi.get_datetime_fromtimestamp(86400, datetime.timezone.utc, True))
print(_testcapi.get_datetime_fromtimestamp(0, None, False, True) == datetime.datetime.fromtimestamp(0))

class D(datetime.datetime):
    pass

d = D(2020, 5, 17, 1, 2, 3, 4, datetime.timezone.utc)
print(_testcapi.PyDateTime_GET(d), _testcapi.PyDateTime_DATE_GET(d))
print(_testcapi.PyDateTime_TIME_GET(datetime.time(1, 2, 3, 4)))
print(_testcapi.PyDateTime_DELTA_GET(datetime.timedelta(-1, 5, 7)))
for check, good, other in (
    (_testcapi.datetime_check_date, datetime.date(1, 1, 1), d),
    (_testcapi.datetime_check_datetime, datetime.datetime(1, 1, 1), d),
    (_testcapi.datetime_check_time, datetime.time(), datetime.date(1, 1, 1)),
    (_testcapi.datetime_check_delta, datetime.timedelta(), 1),
    (_testcapi.datetime_check_tzinfo, datetime.tzinfo(), datetime.timezone.utc),
):
    print(check(good), check(good, True), check(other), check(other, True))
