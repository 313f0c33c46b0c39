"""`dkg bench`: what it measures (measure.py: ingest, build, SHACL, bundled queries against rdflib
and `oxigraph load`; commands.py: the commands, pages, site and builds users run, as processes)
and how it reports (report.py: targets, verdicts, the markdown page)."""

from .measure import run  # noqa: F401
from .report import markdown  # noqa: F401
