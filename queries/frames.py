"""Answers of the typed API as pandas DataFrames, for analysts who work in pandas.

`to_frame(answer)` takes what any API function returns (a model, a list of models, or a model
holding one list of rows such as `said_by`'s items or `sources`' sources) and gives one row
per item with the models' field names as columns; nested models become dotted columns, lists
stay lists. pandas is an optional extra (`pip install -e '.[frames]'`); without it, to_frame
says how to install it rather than failing on import.
"""

from __future__ import annotations

from typing import Any, Iterable

from pydantic import BaseModel

ROWS = ("items", "sources", "claims", "appearances", "entries", "about", "reviews")  # the list a container model holds


def _pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install -e '.[frames]'") from None
    return pandas


def _rows_of(answer: Any) -> Iterable[Any]:
    if isinstance(answer, BaseModel):
        for name in ROWS:
            value = getattr(answer, name, None)
            if isinstance(value, list):
                return value
        return [answer]
    return list(answer)


def _flat(item: Any) -> dict:
    data = item.model_dump() if isinstance(item, BaseModel) else dict(item)
    out = {}
    for key, value in data.items():
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = inner
        else:
            out[key] = value
    return out


def to_frame(answer: Any):
    """A pandas DataFrame of an API answer: one row per item, one column per field."""
    pd = _pandas()
    rows = [_flat(r) for r in _rows_of(answer)]
    return pd.DataFrame(rows)
