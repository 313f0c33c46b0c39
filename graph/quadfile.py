"""The build's canonical N-Quads file: every graph once, graphs in IRI order, each graph's lines
sorted and unique, with an index of where each graph's section starts and ends.

Why a file beside the store: it is written from the lines the build derives (no term is read
back from RocksDB, which costs a random lookup per term: a store dump at 10k claims took longer
than loading it), the store is bulk-loaded from it by Oxigraph's own file loader (what
`oxigraph load` does, the floor), every export is a stream over it, and it is the previous
build's content that an incremental build compares against. A section depends on nothing but
its graph's quads, so the file is the same bytes whatever order the data was read, written or
loaded in, and an incremental build copies the sections of unchanged graphs byte for byte.

Sorting is external: the claims and listings graphs of a large corpus are tens of millions of
lines, so they are sorted in runs of bounded size spilled to temporary files and merged.
"""

from __future__ import annotations

import heapq
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

RUN = 400_000  # lines sorted in memory at a time (about 100 MB of text at the claims graph's line length)


def sorted_unique(lines: Iterable[str], run: int = RUN, tmp_dir: Path | None = None) -> Iterator[str]:
    """`lines` sorted, each once, holding at most `run` of them in memory."""
    if isinstance(lines, list) and len(lines) <= run:
        yield from sorted(set(lines))
        return
    spilled: list[Path] = []
    buf: set[str] = set()
    folder = None
    try:
        for line in lines:
            buf.add(line)
            if len(buf) >= run:
                if folder is None:
                    folder = Path(tempfile.mkdtemp(prefix="dkg-sort-", dir=tmp_dir))
                path = folder / f"run-{len(spilled)}"
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.writelines(sorted(buf))
                spilled.append(path)
                buf = set()
        if not spilled:
            yield from sorted(buf)
            return
        files = [open(p, encoding="utf-8", newline="\n") for p in spilled]
        try:
            last = None
            for line in heapq.merge(*files, sorted(buf)):
                if line != last:
                    yield line
                    last = line
        finally:
            for fh in files:
                fh.close()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


class Writer:
    """Sections written one graph at a time, in IRI order; `index` maps each graph to
    [offset, length in bytes, lines]."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fh: BinaryIO = open(self.path, "wb")
        self.index: dict[str, list[int]] = {}
        self._last: str | None = None

    def _begin(self, graph: str) -> int:
        if self._last is not None and graph <= self._last:
            raise ValueError(f"graphs out of order or repeated: {graph} after {self._last}")
        self._last = graph
        return self._fh.tell()

    def section(self, graph: str, lines: Iterable[str]) -> None:
        """Write a graph's lines, already sorted and unique."""
        start = self._begin(graph)
        n, write, chunk, size = 0, self._fh.write, [], 0
        for line in lines:
            chunk.append(line)
            size += len(line)
            n += 1
            if size >= 1 << 20:
                write("".join(chunk).encode("utf-8"))
                chunk, size = [], 0
        if chunk:
            write("".join(chunk).encode("utf-8"))
        self.index[graph] = [start, self._fh.tell() - start, n]

    def passing(self, graph: str, lines: Iterable[str]) -> Iterator[str]:
        """Write a graph's lines (sorted and unique) as they pass on to the caller: a bulk load
        reads them while the file is written, in one pass."""
        start = self._begin(graph)
        n, write = 0, self._fh.write
        for line in lines:
            write(line.encode("utf-8"))
            n += 1
            yield line
        self.index[graph] = [start, self._fh.tell() - start, n]

    def copy(self, graph: str, source: "Reader") -> None:
        """A section of an earlier file, byte for byte."""
        start = self._begin(graph)
        offset, length, n = source.index[graph]
        self._fh.flush()
        with open(source.path, "rb") as src:
            _copy_range(src, self._fh, offset, length)
        self.index[graph] = [start, length, n]

    def close(self) -> None:
        """Close the file; the index (`self.index`) is the caller's to store beside it."""
        self._fh.close()


def _copy_range(src: BinaryIO, dst: BinaryIO, offset: int, length: int) -> None:
    try:  # in the kernel, without passing the bytes through Python
        done = 0
        while done < length:
            sent = os.copy_file_range(src.fileno(), dst.fileno(), length - done, offset + done)
            if sent == 0:
                break
            done += sent
        if done == length:
            dst.seek(0, os.SEEK_END)
            return
        dst.truncate(dst.seek(0, os.SEEK_END) - done)
    except (AttributeError, OSError):
        pass
    src.seek(offset)
    left = length
    while left:
        block = src.read(min(left, 1 << 20))
        if not block:
            raise OSError(f"{src.name}: shorter than its index says")
        dst.write(block)
        left -= len(block)


class Reader:
    """An earlier build's file and index."""

    def __init__(self, path: Path, index: dict[str, list[int]]):
        self.path, self.index = Path(path), index

    def lines(self, graph: str) -> Iterator[str]:
        """The sorted lines of one graph's section, read in blocks (nothing for a graph the
        earlier build did not have): what an incremental build compares and copies."""
        if graph not in self.index:
            return
        offset, length, _n = self.index[graph]
        with open(self.path, "rb") as fh:
            fh.seek(offset)
            left = length
            rest = b""
            while left:
                block = fh.read(min(left, 1 << 20))
                if not block:
                    raise OSError(f"{self.path}: shorter than its index says")
                left -= len(block)
                block = rest + block
                cut = block.rfind(b"\n") + 1
                rest = block[cut:]
                yield from split_lines(block[:cut].decode("utf-8"))
            if rest:
                yield rest.decode("utf-8")


def split_lines(text: str) -> list[str]:
    """Lines ended by "\n" only (str.splitlines also cuts at U+2028, form feeds and the like,
    which a literal may hold unescaped)."""
    parts = text.split("\n")
    last = parts.pop()
    out = [p + "\n" for p in parts]
    if last:
        out.append(last)
    return out


def difference(old: Iterable[str], new: Iterable[str], removed: list[str], added: list[str]) -> Iterator[str]:
    """Yield the sorted, unique `new`, putting what only `old` has in `removed` and what only
    `new` has in `added` (both sorted, unique streams)."""
    old_it = iter(old)
    o = next(old_it, None)
    for n in new:
        while o is not None and o < n:
            removed.append(o)
            o = next(old_it, None)
        if o == n:
            o = next(old_it, None)
        else:
            added.append(n)
        yield n
    while o is not None:
        removed.append(o)
        o = next(old_it, None)
