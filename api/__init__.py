"""jinzai: Japanese municipal digital-talent policy PDFs → one queryable corpus.

The Python route into a corpus folder::

    import jinzai
    c = jinzai.open_corpus("data/structured")
    c.df("roles")                      # current revisions, as a pandas DataFrame
    c.sql("SELECT canonical, count(*) FROM current_roles GROUP BY 1").df()

The architecture's folders install beneath this package (`jinzai.models`,
`jinzai.pipeline`, …); `open_corpus` is imported on first use so that
`import jinzai.models` stays as light as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinzai.pipeline.access.corpus import Corpus, open_corpus

__all__ = ["Corpus", "open_corpus"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from jinzai.pipeline.access import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'jinzai' has no attribute {name!r}")
