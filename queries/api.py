"""The provenance questions as typed Python functions over any Store: one import for notebooks,
the CLI and the HTTP endpoint.

The work lives in modules by job: `resolve` (what a person typed -> the thing in the graph),
`search` (claims by their words and numbers), `reports` (who said and reported what, documents,
provenance, corroboration, profiles, timelines, hedges), `contradictions`, and `rows` (the one
mapping from a result row to a model). This module re-exports them so `api.profile(store, ...)`
keeps working.
"""

from __future__ import annotations

from .contradictions import Contradiction, contradictions  # noqa: F401
from .disagreements import Disagreement, Side, Stance, disagreements, stances  # noqa: F401
from .frames import to_frame  # noqa: F401
from .reports import (  # noqa: F401
    DEFAULT_HEDGES,
    AppearanceNode,
    ClaimProvenance,
    Corroboration,
    DocumentClaim,
    DocumentNode,
    DocumentView,
    Hedged,
    Mention,
    Profile,
    ProfileClaim,
    Provenance,
    Repeater,
    Reported,
    ReportedBy,
    Said,
    SaidBy,
    SingleOrigin,
    Source,
    Sources,
    Timeline,
    TimelineEntry,
    claim_provenance,
    claim_sources,
    corroboration,
    document,
    labels,
    profile,
    provenance,
    reported_by,
    said_by,
    single_origin,
    single_origin_total,
    hedged_total,
    sources,
    timeline,
    unverified,
    unverified_report,
    Unverified,
)
from .resolve import (  # noqa: F401
    ClaimRow,
    EntityType,
    Hit,
    NameRow,
    Ref,
    claim_index,
    entity_names,
    find,
    lookup,
    resolve_claim,
    resolve_document,
    resolve_entity,
    slug_of,
)
from . import listings  # noqa: F401
from .rows import UNKNOWN, Model  # noqa: F401
from .search import ClaimMatch, parse_number, search_claims, search_page  # noqa: F401
