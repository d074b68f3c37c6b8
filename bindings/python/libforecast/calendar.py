"""Holiday dates: Lunar New Year for Vietnam (UTC+7) or China (UTC+8),
Easter, Vietnamese public holidays (calendar.c, lunar.c, holidays.c)."""
import ctypes
import ctypes.util
import datetime

from . import _lib

_E = ctypes.POINTER(_lib.FcError)


class _Date(ctypes.Structure):
    _fields_ = [("year", ctypes.c_int), ("month", ctypes.c_int), ("day", ctypes.c_int)]


class _HolidayEntry(ctypes.Structure):
    _fields_ = [("date", _Date), ("name", ctypes.c_char_p)]


_lib.declare("fc_country_parse", ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), _E)
_lib.declare("fc_lunar_new_year", ctypes.c_int, ctypes.c_int, ctypes.c_int,
             ctypes.POINTER(_Date), _E)
_lib.declare("fc_lunar_to_solar", ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
             ctypes.c_int, ctypes.c_int, ctypes.POINTER(_Date), _E)
_lib.declare("fc_easter_date", ctypes.c_int, ctypes.c_int, ctypes.POINTER(_Date), _E)
_lib.declare("fc_holidays_vietnam", ctypes.c_int, ctypes.c_int, ctypes.c_int,
             ctypes.POINTER(ctypes.POINTER(_HolidayEntry)), ctypes.POINTER(ctypes.c_size_t), _E)

_libc = ctypes.CDLL(ctypes.util.find_library("c"))
_libc.free.argtypes = [ctypes.c_void_p]
_libc.free.restype = None


def _country(country):
    if not isinstance(country, str):
        raise _lib.InputError("country must be \"vn\" or \"cn\", not %r" % (country,))
    c = ctypes.c_int()
    _lib.call("fc_country_parse", country.encode(), ctypes.byref(c))
    return c.value


def _pydate(d):
    return datetime.date(d.year, d.month, d.day)


def _year(y):
    if not isinstance(y, int) or isinstance(y, bool):
        raise _lib.InputError("year must be an integer, not %r" % (y,))
    return y


def lunar_new_year(year, country="vn"):
    """First day of the lunar year beginning in Gregorian `year`: Tết for
    "vn" (calendar on UTC+7 since 1968), Chunjie for "cn" (UTC+8)."""
    d = _Date()
    _lib.call("fc_lunar_new_year", _year(year), _country(country), ctypes.byref(d))
    return _pydate(d)


def lunar_to_solar(year, month, day, leap=False, country="vn"):
    """Gregorian date of a lunar date (e.g. Hùng Kings' day: month 3, day 10)."""
    d = _Date()
    _lib.call("fc_lunar_to_solar", _year(year), int(month), 1 if leap else 0, int(day),
              _country(country), ctypes.byref(d))
    return _pydate(d)


def easter(year):
    """Gregorian Easter Sunday."""
    d = _Date()
    _lib.call("fc_easter_date", _year(year), ctypes.byref(d))
    return _pydate(d)


def holidays_vietnam(year_from, year_to):
    """Vietnamese public days off derived from the Labour Code, as a list of
    (datetime.date, name) — rule-derived; the yearly decrees may differ."""
    out = ctypes.POINTER(_HolidayEntry)()
    n = ctypes.c_size_t()
    _lib.call("fc_holidays_vietnam", _year(year_from), _year(year_to), ctypes.byref(out),
              ctypes.byref(n))
    try:
        return [(_pydate(out[i].date), out[i].name.decode("utf-8")) for i in range(n.value)]
    finally:
        _libc.free(ctypes.cast(out, ctypes.c_void_p))
