"""A read-only SPARQL 1.1 Protocol endpoint over the built store, with a query page.

Split by job: guard.py decides what a query may do, pool.py runs queries in worker processes
under a time limit and follows the current build, http.py speaks the protocol and checks who
is asking; page/ holds the query page's files.
"""

from __future__ import annotations

from .guard import Refused, inspect_query
from .http import SparqlServer

__all__ = ["Refused", "SparqlServer", "inspect_query"]
