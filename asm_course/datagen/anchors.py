"""Read-only access to the hand-transcribed real tables, the anchors of the synthetic data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


class Anchors:
    """Read-only access to the hand-transcribed real tables (the anchors)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        """A real table as strings, exactly as written in its CSV."""
        if name not in self._tables:
            self._tables[name] = pd.read_csv(
                self.folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
            )
        return self._tables[name]

    def value(self, name: str, key: str, column: str) -> float:
        """One number of a real table, looked up by the value of its first column."""
        df = self.table(name)
        hit = df.loc[df.iloc[:, 0] == key, column]
        if len(hit) != 1 or hit.iloc[0] == "":
            raise KeyError(f"anchor {name}[{key!r}].{column} missing")
        return float(hit.iloc[0])

    def sources(self, name: str) -> list[str]:
        """Every distinct URL in the table's source columns, in order of appearance."""
        df = self.table(name)
        urls: list[str] = []
        for col in (c for c in df.columns if c.startswith("source") and c != "source_label"):
            for cell in df[col]:
                for url in cell.split(" ; "):
                    if url.startswith("http") and url not in urls:
                        urls.append(url)
        return urls

    def years(self, name: str) -> str:
        """'first–last' year of a real table's year columns (empty if none)."""
        df = self.table(name)
        cols = [c for c in df.columns if c == "year" or (c.endswith("_year") and "_per_" not in c)]
        found = sorted({int(v) for c in cols for v in df[c] if v})
        if not found:
            return ""
        return str(found[0]) if found[0] == found[-1] else f"{found[0]}–{found[-1]}"
