"""Entry point of the benchmark's child processes: python -m dkg.bench _ingest|_build|_engines|_rdflib ..."""

import sys

from .measure import main

sys.exit(main(sys.argv[1:]))
