"""In-tree PEP 517 build backend for the libforecast Python package.

Standard library only: it zips the pure-Python package into a wheel
(py3-none-any) with its dist-info, so that `pip install ./bindings/python`
works offline.  The shared library is not bundled; the package finds it at
run time (LIBFORECAST_LIB or the system library path, see README.md).
"""
import base64
import hashlib
import io
import os
import re
import tarfile

import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "libforecast"
# A fixed timestamp keeps wheels byte-for-byte reproducible.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _project():
    """name, version and summary from pyproject.toml ([project] table)."""
    text = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    section = text.split("[project]", 1)[1]

    def field(key):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % key, section, re.M)
        if not m:
            raise RuntimeError("pyproject.toml: [project] %s missing" % key)
        return m.group(1)
    return field("name"), field("version"), field("description"), field("requires-python")


def _metadata():
    name, version, summary, requires = _project()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\n"
            "Requires-Python: %s\n" % (name, version, summary, requires))


def _package_files():
    """(archive name, absolute path) of every .py file of the package."""
    out = []
    pkg = os.path.join(ROOT, PACKAGE)
    for dirpath, dirnames, filenames in os.walk(pkg):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith(".py"):
                full = os.path.join(dirpath, f)
                out.append((os.path.relpath(full, ROOT).replace(os.sep, "/"), full))
    return out


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def _dist_info_files():
    name, version, _, _ = _project()
    di = "%s-%s.dist-info" % (name, version)
    wheel = ("Wheel-Version: 1.0\nGenerator: libforecast_build\n"
             "Root-Is-Purelib: true\nTag: py3-none-any\n")
    return di, {di + "/METADATA": _metadata(), di + "/WHEEL": wheel,
                di + "/top_level.txt": PACKAGE + "\n"}


def _write_wheel(wheel_directory, entries):
    """entries: list of (arcname, bytes).  Adds RECORD; returns the file name."""
    name, version, _, _ = _project()
    di, meta = _dist_info_files()
    entries = list(entries) + [(k, v.encode()) for k, v in sorted(meta.items())]
    record = [_record_line(a, d) for a, d in entries] + [di + "/RECORD,,"]
    entries.append((di + "/RECORD", ("\n".join(record) + "\n").encode()))
    fname = "%s-%s-py3-none-any.whl" % (name, version)
    path = os.path.join(wheel_directory, fname)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in entries:
            info = zipfile.ZipInfo(arcname, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return fname


# ----------------------------------------------------------- PEP 517 hooks
def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    di, meta = _dist_info_files()
    for arcname, text in meta.items():
        path = os.path.join(metadata_directory, arcname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return di


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    entries = []
    for arcname, full in _package_files():
        with open(full, "rb") as f:
            entries.append((arcname, f.read()))
    return _write_wheel(wheel_directory, entries)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """PEP 660: a wheel holding a .pth file that points at this source tree."""
    return _write_wheel(wheel_directory, [("_libforecast_editable.pth",
                                           (ROOT + "\n").encode())])


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_sdist(sdist_directory, config_settings=None):
    name, version, _, _ = _project()
    base = "%s-%s" % (name, version)
    fname = base + ".tar.gz"
    files = [("pyproject.toml", os.path.join(ROOT, "pyproject.toml")),
             ("_backend/libforecast_build.py", os.path.abspath(__file__))]
    files += _package_files()
    with tarfile.open(os.path.join(sdist_directory, fname), "w:gz") as tar:
        for arcname, full in files:
            with open(full, "rb") as f:
                data = f.read()
            info = tarfile.TarInfo(base + "/" + arcname)
            info.size = len(data)
            info.mtime = 1577836800
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(pkg_info)
        info.mtime = 1577836800
        tar.addfile(info, io.BytesIO(pkg_info))
    return fname


