"""Which format a file is, from its content (a zip is looked into), and its readings as a stream."""
from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports import apple, fitbit, garmin, google_fit, health_connect, plain_csv
from coach.imports.common import CountingReader, Progress, Raw, Tally

HEAD_BYTES = 4096
# real exports compress 10-30x (repetitive XML or CSV); far beyond that a zip is a bomb, not data
MAX_ZIP_RATIO, ZIP_RATIO_FROM = 200, 64 << 20


class UnknownFormat(ValueError):
    """The file is none of the formats we read (the message says which ones we do)."""


@dataclass(frozen=True)
class Format:
    name: str  # what the summary calls it
    source: str  # the readings' source
    parse: Callable[[BinaryIO, Tally, ZoneInfo], Iterator[Raw]]
    sniff: Callable[[str], bool] | None = None  # recognises a text file by its first lines


FORMATS: tuple[Format, ...] = (
    Format("Apple Health", apple.SOURCE, apple.parse),
    Format("plain CSV", plain_csv.SOURCE, plain_csv.parse, plain_csv.sniff),
    Format("Google Fit / Health Connect", google_fit.SOURCE, google_fit.parse, google_fit.sniff),
    Format("Fitbit", fitbit.SOURCE, fitbit.parse, fitbit.sniff),
    Format("Garmin", garmin.SOURCE, garmin.parse, garmin.sniff),
    Format("Health Connect", health_connect.SOURCE, health_connect.parse),
)
APPLE, HEALTH_CONNECT = FORMATS[0], FORMATS[5]
KNOWN = "Apple Health export.zip/export.xml, Health Connect export zip, Google Fit (Takeout daily metrics CSV), " \
        "Fitbit CSV, Garmin CSV, or a CSV with the header date,kind,value,unit"


def _by_head(head: bytes) -> Format | None:
    if health_connect.sniff_bytes(head):
        return HEALTH_CONNECT
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text.startswith("<?xml") or text.startswith("<HealthData"):
        return APPLE if "<HealthData" in text or "HealthData" in text[:HEAD_BYTES] else None
    return next((f for f in FORMATS if f.sniff is not None and f.sniff(text)), None)


def _zip_member(zf: zipfile.ZipFile) -> tuple[zipfile.ZipInfo, Format] | None:
    for info in zf.infolist():
        name = info.filename.rsplit("/", 1)[-1]
        if name == "export.xml":
            return info, APPLE
        if name == google_fit.MEMBER:
            return info, FORMATS[2]
        if name == health_connect.MEMBER:
            return info, HEALTH_CONNECT
    for info in zf.infolist():  # a zipped CSV of another format
        if not info.is_dir() and info.filename.lower().endswith(".csv"):
            with zf.open(info) as fh:
                fmt = _by_head(fh.read(HEAD_BYTES))
            if fmt is not None:
                return info, fmt
    return None


def detect(path: Path) -> Format:
    """The file's format; UnknownFormat when it is none we read."""
    with contextlib.ExitStack() as stack:
        fmt, _stream, _size = _open(path, stack)
        return fmt


def _open(path: Path, stack: contextlib.ExitStack) -> tuple[Format, BinaryIO, int]:
    if zipfile.is_zipfile(path):
        zf = stack.enter_context(zipfile.ZipFile(path))
        found = _zip_member(zf)
        if found is None:
            raise UnknownFormat(f"no export inside this zip; I read {KNOWN}")
        info, fmt = found
        if info.file_size > max(MAX_ZIP_RATIO * info.compress_size, ZIP_RATIO_FROM):
            raise UnknownFormat(f"{info.filename} expands {info.file_size // max(info.compress_size, 1)}-fold: "
                                f"not an export")
        return fmt, stack.enter_context(zf.open(info)), info.file_size  # decompressed as it is read
    fh = stack.enter_context(open(path, "rb"))
    fmt = _by_head(fh.read(HEAD_BYTES))
    if fmt is None:
        raise UnknownFormat(f"unknown file format; I read {KNOWN}")
    fh.seek(0)
    return fmt, fh, path.stat().st_size


@contextlib.contextmanager
def open_readings(path: Path, tally: Tally, tz: ZoneInfo,
                  progress: Progress | None = None) -> Iterator[tuple[Format, Iterator[Raw]]]:
    """(format, its readings streamed from the file); progress gets the fraction of the file read."""
    with contextlib.ExitStack() as stack:
        fmt, stream, size = _open(path, stack)
        reader = io.BufferedReader(CountingReader(stream, size, progress), 1 << 16)
        yield fmt, fmt.parse(reader, tally, tz)  # type: ignore[arg-type]
