"""libforecast: growth rates, index compilation, seasonal adjustment and
SARIMA projection for industrial-production and trade statistics.

A thin ctypes layer over the C library (standard library only; numpy used
when installed, pandas Series accepted on input)::

    import libforecast as lf
    s = lf.read_csv("datasets/vietnam_iip_total_level.csv")
    g = lf.growth(s)                  # .mom .yoy .ytd_yoy (percent)

The shared library is looked up next to this package, then through the
LIBFORECAST_LIB environment variable, then on the system library path.
"""
__version__ = "0.1.0"

from ._lib import (LibforecastError, InputError, NumericalError,   # noqa: F401
                   LibforecastIOError, LibraryNotFoundError, library_path)
from ._lib import version as library_version                           # noqa: F401
from .series import (Series, read_csv, read_csv_all, series_dict,       # noqa: F401
                     format_period, parse_period)
from ._arrays import have_numpy                                         # noqa: F401
from .growth import (growth, mom, yoy, ytd, growth_lag, quarterly,             # noqa: F401
                     check_published, Growth)
from .seasonal import stl, x11, Decomposition                                       # noqa: F401
from .forecast import Forecast, theta                                           # noqa: F401
from .unitroot import kpss, ndiffs, nsdiffs, seasonal_strength                  # noqa: F401
from .plot import PlottingUnavailable                                           # noqa: F401
from .index import (aggregate, Aggregate, chain, unchain, rebase, annual_mean,  # noqa: F401
                    linking_factor, splice, weights_from_hierarchy, read_weights)
from .calendar import lunar_new_year, lunar_to_solar, easter, holidays_vietnam  # noqa: F401
from .arima import arima, ArimaModel                                            # noqa: F401
from .project import project, project_quarter, QuarterProjection                # noqa: F401
from .autoarima import auto_arima                                               # noqa: F401
