"""The registry's entities a draft matches names against."""

from __future__ import annotations

from pathlib import Path

from ...schema.models import Document, EntityBase, EntityExtension


def known_entities(data_dir: Path) -> tuple[dict[str, EntityBase], int]:
    """The registry's entities (source documents included) to match names against, and how
    many problems the data has. A clean corpus is read through the loader; one with problems
    is read entry by entry, keeping every entry that validates, so a half-finished draft
    elsewhere in data/ does not stop the next one."""
    from ...schema.errors import DataProblems
    from ...schema.models import ENTITY_MODELS
    from ..corpus import load_corpus
    from ..yamlsrc import read_yaml

    try:
        return dict(load_corpus(data_dir).entities), 0
    except DataProblems as exc:
        problems = len(exc.problems)
    out: dict[str, EntityBase] = {}
    extensions = []
    for path in sorted((data_dir / "registry").glob("*.y*ml")):
        located, _ = read_yaml(path)
        data = located.data if located and isinstance(located.data, dict) else {}
        for section, items in data.items():
            if section == "extend" and isinstance(items, list):
                extensions += items
                continue
            model = ENTITY_MODELS.get(section)
            for raw in items if model and isinstance(items, list) else []:
                try:
                    ent = model.model_validate(raw)
                except Exception:  # noqa: BLE001 - a bad entry is skipped, validate reports it
                    continue
                out.setdefault(ent.id, ent)
    for path in sorted((data_dir / "sources").glob("*.y*ml")):
        located, _ = read_yaml(path)
        raw = located.data.get("document") if located and isinstance(located.data, dict) else None
        try:
            ent = Document.model_validate(raw)
        except Exception:  # noqa: BLE001
            continue
        out.setdefault(ent.id, ent)
    for raw in extensions:  # more names for entities defined elsewhere: "Кузьминов" for maxim-kuzminov
        try:
            ext = EntityExtension.model_validate(raw)
        except Exception:  # noqa: BLE001
            continue
        if ext.id in out:
            ent = out[ext.id]
            out[ext.id] = ent.model_copy(update={"aliases": [*ent.aliases, *ext.aliases],
                                                 "transliterations": [*ent.transliterations, *ext.transliterations]})
    return out, problems

