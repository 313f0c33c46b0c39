"""Build: curated data -> validated records -> quads -> embedded store and exports, atomically.

A build is written into a fresh directory under OUT/builds/ and only then made current by
swapping the OUT/current symbolic link (an atomic rename). A build that fails or is killed
midway leaves the previous one untouched and current. The manifest records a hash of every
input file, so a later build can re-derive only the source documents that changed
(see `incremental` in build()).

Every build also writes its canonical N-Quads file (graph/quadfile.py: graphs in IRI order, each
sorted) while the bulk loader reads the same lines; the exports are streamed from it. An
incremental build copies the previous store (a RocksDB checkpoint: hard links), copies the
sections of unchanged graphs from the previous file, and for each graph it derives again (the
changed documents, and the claims, registry and listings graphs every change shows in) removes
and adds only the quads that differ from the previous section: removing and reloading the
shared graphs whole made adding one article cost more than a full build.

Builds and readers share OUT, so two rules keep them out of each other's way:

- One build at a time: a build holds an exclusive `flock` on OUT/.lock from its first write to
  its prune; a second build on the same OUT waits for it (and says so). Without the lock the
  first build's prune deleted the second one's `.partial`, and `current` could dangle.
- A build never deletes a store someone is reading: a long-lived reader (a `dkg serve` query
  worker) holds a shared `flock` lease on OUT/.leases/<build name> for as long as it reads that
  build (`lease_current`). Prune removes an old build only if it can take that lease
  exclusively; a leased build is kept and removed by a later build once its readers have moved
  on. Locks die with their process, so a killed server never leaves a build pinned forever.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..loaders.corpus import Corpus, load_corpus
from ..loaders.corpus_files import data_files
from ..loaders import provenance
from ..loaders.rdf import graph_lines
from ..schema import iris
from ..schema.errors import DataProblems, UnusableInput
from . import export, quadfile
from .progress import advance, count, step
from .lease import LEASES, Lease, current, lease_current  # noqa: F401  (lease_current: readers import it from here too)
from .store import DamagedStore, OxigraphStore, copy_store, damaged_store

Progress = Callable[[str], None]
MANIFEST = "manifest.json"
QUADS = "quads.nq"  # the canonical N-Quads file every build writes (graph/quadfile.py)
EXPORT_STEM = "dkg"
FORMAT_VERSION = 4  # bump when the RDF mapping changes, so incremental builds start over
LOCK = ".lock"


@dataclass
class BuildReport:
    """What a build wrote and how long it took, as `dkg build` prints it: counts per type and claims
    per document, the exports, and which source documents were re-derived or reused."""

    path: Path
    quads: int
    graphs: int
    claims: int
    appearances: int
    per_type: dict[str, int] = field(default_factory=dict)
    per_document: list[tuple[str, str, int]] = field(default_factory=list)  # id, title, claims
    exports: list[Path] = field(default_factory=list)
    rederived: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0


def store_path(out_dir: str | Path) -> Path:
    """The store of the current build, where every reading command opens it."""
    return current(out_dir) / "store"


def _hash_tree(paths, base: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(base)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


CODE_DIRS = ("schema", "loaders", "graph")  # every module that shapes what a build writes


def _code_digest(root: Path = Path(__file__).resolve().parent.parent, dirs=CODE_DIRS) -> str:
    """The models, vocabulary, ontology, mapping and store code: a change to any of them means
    no graph of an earlier build may be reused."""
    paths = [p for d in dirs for pattern in ("*.py", "*.ttl", "*.rq") for p in (root / d).glob(pattern)]
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _inputs_digest(data_dir: Path) -> dict:
    """What every graph depends on besides its own source file: the bulk tables and the code.
    The registry is not here: each source document's digest covers the registry entries its
    graph reads (see _fold_dependencies), so a new entity or alias re-derives only what uses it."""
    return {
        "format": FORMAT_VERSION,
        "tabular": _hash_tree(data_files(data_dir, "tabular")[0], data_dir),  # the files the loader reads, subfolders too
        "code": _code_digest(),
    }


def validate(data_dir: str | Path, shacl: bool = True, progress: Progress = lambda s: None, texts: str | Path | None = None) -> Corpus:
    """Models, references and SHACL shapes, and with `texts` every quote against its article;
    raises DataProblems with every problem found."""
    # the loader starts its own steps: the files read, then the claim entries checked
    corpus = load_corpus(data_dir, texts=texts, on_step=lambda text, total: step(progress, text, total), on_advance=lambda n: advance(progress, n))
    if shacl:
        progress("checking SHACL shapes")
        from .shacl import check

        nquads = "".join(line for _g, lines in graph_lines(corpus) for line in lines)
        problems = check(nquads)
        if problems:
            raise DataProblems(problems)
    return corpus


def build(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    shacl: bool = True,
    formats: tuple[str, ...] = ("ttl", "trig", "nq", "jsonld"),
    incremental: bool = True,
    texts: str | Path | None = None,
    progress: Progress = lambda s: None,
) -> BuildReport:
    """Validate `data_dir` and write a new build into `out_dir`, made current only once whole (see
    the module docstring); `incremental` reuses the graphs of source documents whose inputs did
    not change. Raises DataProblems with every problem, and leaves the previous build current."""
    started = time.perf_counter()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    # SHACL runs on the store the build writes (in _write), on the graphs it wrote
    corpus = validate(data_dir, shacl=False, progress=progress, texts=texts)
    _fold_texts_into_digests(corpus, texts)
    _fold_dependencies(corpus)

    with _build_lock(out_dir, progress):
        builds = out_dir / "builds"
        stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        work, final = builds / (stamp + ".partial"), builds / stamp
        try:
            builds.mkdir(parents=True, exist_ok=True)
            work.mkdir()
            report = _write(corpus, data_dir, out_dir, work, shacl, formats, incremental, progress)
            work.rename(final)
            _swap(out_dir, final)
            report.path = final
            report.exports = [final / p.relative_to(work) for p in report.exports]
        except OSError as exc:
            _discard(out_dir, work, final)
            if _disk_full(exc):
                raise UnusableInput(
                    f"{out_dir}: no space left on device while writing the build ({exc}); "
                    f"the partial build was removed and {_current_name(out_dir)} stays current"
                ) from None
            raise
        except BaseException:
            _discard(out_dir, work, final)
            raise
        kept = _prune(out_dir, keep=final)
    if kept:
        progress(f"kept {len(kept)} older build(s) that a running server is still reading: {', '.join(d.name for d in kept)}")
    report.seconds = time.perf_counter() - started
    return report


def _discard(out_dir: Path, work: Path, final: Path) -> None:
    """Remove what a failed build wrote; the renamed build too if it never became current."""
    shutil.rmtree(work, ignore_errors=True)
    if final.exists() and (out_dir / "current").resolve() != final.resolve():
        shutil.rmtree(final, ignore_errors=True)


def _disk_full(exc: OSError) -> bool:
    # pyoxigraph reports a storage error as OSError without errno; its text carries "os error 28"
    return exc.errno in (errno.ENOSPC, errno.EDQUOT) or "os error 28" in str(exc) or "No space left" in str(exc)


def _current_name(out_dir: Path) -> str:
    try:
        return f"the previous build ({current(out_dir).name})"
    except UnusableInput:
        return "no build (there was none before)"


@contextmanager
def _build_lock(out_dir: Path, progress: Progress):
    """Hold OUT/.lock exclusively; wait (saying so, with the holder's pid) while another build has it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            progress(f"another build of {out_dir} is running (pid {holder}); waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fold_texts_into_digests(corpus: Corpus, texts: str | Path | None) -> None:
    """A document's graph depends on its article text when quotes are anchored in it (the
    selectors), so its digest covers the text too: a changed text re-derives that document."""
    if texts is None:
        return
    documents = corpus.documents()
    for doc, digest in corpus.files.items():
        name = documents[doc].file
        path = Path(texts) / name if name else None
        if path is not None and path.is_file():
            corpus.files[doc] = hashlib.sha256((digest + ":").encode() + path.read_bytes()).hexdigest()


def _fold_dependencies(corpus: Corpus) -> None:
    """Each source document's digest also covers the registry entries its graph reads: its own
    record and every document its appearances and stances derive from (their issuers, outlets,
    authors and re-reports decide origins). A registry change re-derives exactly those."""
    documents = corpus.documents()
    reads: dict[str, set[str]] = {doc: {doc} for doc in corpus.files}
    for claim in corpus.claims.values():
        for app in claim.appearances:
            if app.document in reads:
                reads[app.document].update(d for chain in provenance.derivation_chains(app, corpus) for d in chain)
    for stance in corpus.stances:
        if stance.document in reads:
            reads[stance.document].update(d for chain in provenance.stance_chains(stance, corpus) for d in chain)
    for doc, used in reads.items():
        records = [documents[d].model_dump(mode="json") for d in sorted(used)]
        corpus.files[doc] = hashlib.sha256((corpus.files[doc] + json.dumps(records, sort_keys=True)).encode()).hexdigest()


def _previous_manifest(out_dir: Path) -> tuple[Path, dict] | None:
    try:
        prev = current(out_dir)
        return prev, json.loads((prev / MANIFEST).read_text())
    except (UnusableInput, OSError, ValueError):
        return None


def _write(corpus, data_dir, out_dir, work, shacl, formats, incremental, progress) -> BuildReport:
    inputs = _inputs_digest(data_dir)
    files = dict(sorted(corpus.files.items()))
    previous = _previous_manifest(out_dir) if incremental else None
    reuse = (
        previous is not None
        and previous[1].get("inputs") == inputs
        and "graphs" in previous[1]
        and (previous[0] / "store").exists()
        and (previous[0] / QUADS).is_file()
    )

    store_dir = work / "store"
    rederived, reused = [], []
    quads = quadfile.Writer(work / QUADS)
    if reuse:
        progress("copying the previous store (unchanged sources are not re-derived)")
        try:
            copy_store(previous[0] / "store", store_dir)
        except DamagedStore as exc:
            progress(f"{str(exc).split('; run `dkg build`')[0]}; building every source document again instead")
            shutil.rmtree(store_dir, ignore_errors=True)
            reuse = False
    if reuse:
        prev_dir, manifest = previous
        old_files = manifest.get("files", {})
        store = OxigraphStore(store_dir)
        changed = [d for d in files if old_files.get(d) != files[d]]
        removed = [d for d in old_files if d not in files]
        # a source whose appearances cite (or re-report) a changed source gets its origins from it
        dependent = _citing(corpus, set(changed) | set(removed)) - set(changed)
        rederived = sorted(set(changed) | dependent)
        reused = [d for d in files if d not in rederived]
        store.drop_graphs(iris.graph(d) for d in removed)
        progress(
            f"re-deriving {len(changed)} changed source document(s)" + (f" and {len(dependent)} citing them" if dependent else "")
            + ", and the claims, registry and listings graphs by difference: quads"
        )
        _patch(store, quadfile.Reader(prev_dir / QUADS, manifest["graphs"]), quads, corpus, rederived, {iris.graph(d) for d in removed}, progress)
    else:
        # one pass: each graph's lines, sorted, go to the canonical file and to Oxigraph's bulk
        # loader together, so the loader builds its indexes (on the other core) while the
        # build derives the next graphs
        progress(f"deriving quads and loading the store ({len(files):,} source documents): quads")
        store = OxigraphStore(store_dir)
        store.replace_graphs(
            (graph, quads.passing(graph, quadfile.sorted_unique(lines, tmp_dir=work)))
            for graph, lines in _counted(progress, graph_lines(corpus))
        )
        quads.close()
        rederived = list(files)
    store.flush(optimize=not reuse)
    if shacl:
        _check_shapes(store, files, rederived, reused if reuse and previous[1].get("shacl") else None, progress)

    progress("indexing the words and numbers of claims for search")
    from .textindex import NAME, write as write_text_index

    write_text_index(corpus, work / NAME)
    report = BuildReport(work, len(store), len(store.graphs()), len(corpus.claims), 0, rederived=rederived, reused=reused)
    _summarise(store, report)
    if formats:
        exports = work / "exports"
        exports.mkdir()
        # streamed from the canonical N-Quads file (graph/quadfile.py), nothing held whole in memory
        step(progress, f"writing exports ({', '.join(formats)}): formats", len(formats))
        report.exports = export.write_all_from_file(work / QUADS, formats, exports, EXPORT_STEM, progress=lambda _fmt: advance(progress))
    manifest = {"inputs": inputs, "files": files, "quads": report.quads, "claims": report.claims, "shacl": shacl, "graphs": quads.index}
    (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    store.close()
    return report


def _patch(store: OxigraphStore, old: quadfile.Reader, quads: quadfile.Writer, corpus: Corpus, rederived: list[str],
           dropped: set[str], progress: Progress) -> None:
    """The new canonical file and store from the previous ones: unchanged graphs' sections are
    copied byte for byte; each graph derived again (the shared graphs, the re-derived source
    documents) is compared, in sorted order, with its previous section, and only the quads that
    differ are removed from or added to the copied store."""
    if not rederived and not dropped:  # nothing changed: the same file, section for section
        for graph in sorted(old.index):
            quads.copy(graph, old)
        quads.close()
        return
    derived = _counted(progress, graph_lines(corpus, documents=rederived))
    pending = next(derived, None)
    for graph in sorted(set(old.index) - dropped | {g for g in _graph_names(corpus, rederived)}):
        if pending is not None and pending[0] == graph:
            removed, added = [], []
            fresh = quadfile.sorted_unique(pending[1], tmp_dir=quads.path.parent)
            quads.section(graph, quadfile.difference(old.lines(graph), fresh, removed, added))
            store.apply_difference(removed, added)
            pending = next(derived, None)
        else:
            quads.copy(graph, old)
    if pending is not None:
        raise AssertionError(f"graph {pending[0]} derived out of order")
    quads.close()


def _graph_names(corpus: Corpus, documents: list[str]) -> list[str]:
    """The graphs graph_lines(corpus, documents=...) yields."""
    return [iris.CLAIMS_GRAPH, iris.REGISTRY_GRAPH, iris.LISTINGS_GRAPH, *(iris.graph(d) for d in documents)]


def _counted(progress: Progress, graphs):
    """The graphs with their lines counted into the current step (one line, one quad)."""
    for graph, lines in graphs:
        yield graph, count(progress, lines, every=5000)


def _check_shapes(store: OxigraphStore, files: dict, rederived: list[str], reused: list[str] | None, progress: Progress) -> None:
    """SHACL on the store just written. After an incremental build whose previous build was
    checked (`reused` given), only the graphs this build wrote, with the links of the reused
    source documents that the shapes look across (graph/shacl.py); otherwise every graph."""
    from .shacl import check_store

    if reused is None:
        progress("checking SHACL shapes")
        problems = check_store(store)
    else:
        written = [iris.CLAIMS_GRAPH, iris.REGISTRY_GRAPH, iris.LISTINGS_GRAPH, iris.ONTOLOGY_GRAPH] + [iris.graph(d) for d in rederived]
        progress(f"checking SHACL shapes on the {len(written)} graphs written ({len(reused)} unchanged source documents were checked before)")
        problems = check_store(store, written, [iris.graph(d) for d in reused])
    if problems:
        raise DataProblems(problems)


def _citing(corpus: Corpus, targets: set[str]) -> set[str]:
    """Source documents whose graph reads something from one of `targets`: an appearance or a
    stance whose derivation chain (what it cites, through whole-document re-reports) passes
    through it, or a stance on a claim that one of `targets` carries (its claim key, and so the
    stance's target, may have changed with it)."""
    if not targets:
        return set()
    out = {
        app.document
        for claim in corpus.claims.values()
        for app in claim.appearances
        if any(doc in targets for chain in provenance.derivation_chains(app, corpus) for doc in chain)
    }
    for stance in corpus.stances:
        carriers = {app.document for app in corpus.claims[stance.target].appearances}
        chains = provenance.stance_chains(stance, corpus)
        if carriers & targets or any(doc in targets for chain in chains for doc in chain):
            out.add(stance.document)
    return out


def _summarise(store: OxigraphStore, report: BuildReport) -> None:
    rows = store.query(
        """SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
             GRAPH ?g { ?s a ?type }
             FILTER(?g != graph:ontology && STRSTARTS(STR(?type), STR(dkg:)))
           } GROUP BY ?type ORDER BY ?type"""
    )
    report.per_type = {iris.local_name(r["type"].value): r["n"].python() for r in rows.rows}
    report.appearances = report.per_type.get("Appearance", 0)
    docs = store.query(
        """SELECT ?doc ?title (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
             ?doc a dkg:SourceDocument ; dcterms:title ?title .
             OPTIONAL { ?app dkg:document ?doc ; dkg:claim ?claim }
           } GROUP BY ?doc ?title ORDER BY ?doc"""
    )
    report.per_document = [(iris.local_name(r["doc"].value), r["title"].value, r["claims"].python()) for r in docs.rows]


def _swap(out_dir: Path, final: Path) -> None:
    """Point OUT/current at the new build in one atomic rename."""
    tmp = out_dir / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(final.relative_to(out_dir))
    os.replace(tmp, out_dir / "current")


def _prune(out_dir: Path, keep: Path) -> list[Path]:
    """Remove older builds and leftovers of killed ones, never the current one nor one a reader
    leases; return the builds kept for a reader. Runs under the build lock."""
    kept = []
    leases = out_dir / LEASES
    for d in sorted((out_dir / "builds").iterdir()):
        if d.resolve() == keep.resolve() or d.name.startswith(".trash-"):
            continue
        if d.name.endswith(".partial"):  # a killed build's leftover: no reader ever opens one
            shutil.rmtree(d, ignore_errors=True)
            continue
        leases.mkdir(exist_ok=True)
        fd = os.open(leases / d.name, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                kept.append(d)
                continue
            trash = d.with_name(".trash-" + d.name)
            d.rename(trash)  # readers that lease it after this see it gone and resolve again
            os.unlink(leases / d.name)
        finally:
            os.close(fd)
        shutil.rmtree(trash, ignore_errors=True)
    for d in (out_dir / "builds").glob(".trash-*"):  # a prune killed midway
        shutil.rmtree(d, ignore_errors=True)
    if leases.is_dir():  # leases of builds that no longer exist
        for f in leases.iterdir():
            if not (out_dir / "builds" / f.name).exists():
                f.unlink(missing_ok=True)
    return kept
