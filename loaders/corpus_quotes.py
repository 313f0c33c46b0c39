"""The loader's quotes: with a folder of article texts, every quote, printed value and printed
time found verbatim in its article and anchored there.

Part of the loader of loaders/corpus_loader.py (a mixin: the state it reads and writes is set
up there).
"""

from __future__ import annotations

from ..schema.errors import Problem, UnusableInput
from .corpus import QuoteReport, Where


class Quotes:
    """Quotes, printed values and times checked verbatim against the article texts."""

    def check_quotes(self) -> None:
        """Every quote, printed value and printed time verbatim in its article's text, each one
        located there; a miss is a problem at the field, with the closest passage of the text."""
        from .texts import anchor, closest_passage

        report = self.corpus.quotes = QuoteReport(str(self.texts))
        if not self.texts.is_dir():
            raise UnusableInput(f"{self.texts}: no such folder of article texts (--texts / $DKG_TEXTS)")
        documents = self.corpus.documents()
        cache: dict[str, str | None] = {}

        def text_of(doc_id: str) -> str | None:
            if doc_id not in cache:
                name = documents[doc_id].file
                path = self.texts / name if name else None
                try:
                    cache[doc_id] = path.read_text(encoding="utf-8") if path and path.is_file() else None
                except (OSError, UnicodeDecodeError) as exc:
                    self.problems.append(Problem(str(path), 1, 1, "", f"cannot read the article text: {exc}"))
                    cache[doc_id] = None
                if cache[doc_id] is None and doc_id not in report.missing:
                    report.missing.append(doc_id)
            return cache[doc_id]

        def check(owner, fields: tuple[str, ...], doc_id: str, where: Where | None) -> None:
            for name in fields:
                said = getattr(owner.entry, name, None)
                if not said:
                    continue
                text = text_of(doc_id)
                if text is None:
                    report.unchecked += 1
                    continue
                report.checked += 1
                found = anchor(said, text)
                if found is not None:
                    if name == "quote":
                        owner.anchor = found
                    continue
                if where is None:  # a stance read from a hedge has no words of its own
                    continue
                near = closest_passage(said, text)
                hint = f"; the closest passage is \u00ab{near}\u00bb" if near else ""
                self.problems.append(where[0].problem(where[1] + (name,), f"not found verbatim in {documents[doc_id].file}{hint}"))

        for claim in self.corpus.claims.values():
            for app in claim.appearances:
                check(app, ("quote", "printed", "when_printed"), app.document, app.where)
        for stance, (_entry, doc, where) in zip(self.corpus.stances, self._stance_wheres):
            check(stance, ("quote",), doc, where)
