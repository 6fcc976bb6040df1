"""`jinzai explore`: a local, read-only web explorer of a corpus.

Starlette with server-rendered Jinja2 templates (both already installed with Prefect's
FastAPI) and charts as inline SVG: pages work without JavaScript, there is no build step,
and every page is a plain URL a researcher can bookmark or cite. The corpus is opened
sandboxed like every reader (`query.connect`: no file access beyond the corpus's own
tables, settings locked), and the SQL page runs read-only statements only
(`query.check_read_only`, the check `jinzai query` uses).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from jinzai.pipeline.access import evidence, pages
from jinzai.pipeline.access.answers import cell_text
from jinzai.pipeline.access.corpus import CorpusError, open_corpus
from jinzai.pipeline.access.search import search
from jinzai.pipeline.query import QueryError, check_read_only

TEMPLATES = Path(__file__).with_name("templates")
SQL_ROW_LIMIT = 1000
LOOPBACK = "127.0.0.1"


def create_app(out_dir: str) -> Starlette:
    corpus = open_corpus(out_dir)
    lock = threading.Lock()  # one DuckDB connection, requests served from a thread pool
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.globals.update(evidence_url=pages.evidence_url, cell=cell_text, corpus_path=str(out_dir),
                                 canonical_labels=pages.CANONICAL_LABELS)

    def page(template: str, build: Callable[[Request], dict[str, Any]]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            try:
                with lock:
                    context = build(request)
            except CorpusError as exc:
                return templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=404)
            return templates.TemplateResponse(request, template, context)
        return endpoint

    def search_page(request: Request) -> dict[str, Any]:
        query = request.query_params.get("q", "")
        hits = search(corpus, query) if query.strip() else []
        return {"q": query, "hits": [(h, h.snippet(query)) for h in hits]}

    def compare_page(request: Request) -> dict[str, Any]:
        chosen = request.query_params.getlist("doc")
        context = pages.compare(corpus, chosen) if chosen else {"documents": [], "canonical_rows": []}
        return {**context, "all_documents": pages.home(corpus)["documents"], "chosen": chosen}

    def evidence_page(request: Request) -> dict[str, Any]:
        doc_id, number = request.path_params["doc_id"], request.path_params["page"]
        pdf = evidence.source_pdf(corpus, doc_id)
        bbox = evidence.parse_bbox(request.query_params.get("bbox"))
        return {"doc_id": doc_id, "page": number, "doc": pages.document_header(corpus, doc_id, current=False),
                "pdf": pdf.name,
                "label": request.query_params.get("label", ""),
                "box": evidence.highlight(pdf, number, bbox) if bbox else None}

    def page_image(request: Request) -> Response:
        doc_id, number = request.path_params["doc_id"], request.path_params["page"]
        try:
            with lock:
                pdf = evidence.source_pdf(corpus, doc_id)
            return Response(evidence.render_page(pdf, number), media_type="image/png",
                            headers={"Cache-Control": "max-age=3600"})
        except CorpusError as exc:
            return Response(str(exc), status_code=404, media_type="text/plain")

    def sql_page(request: Request) -> dict[str, Any]:
        sql = request.query_params.get("q", "")
        context: dict[str, Any] = {"sql": sql, "columns": [], "rows": [], "error": None, "more": False}
        if sql.strip():
            try:
                check_read_only(corpus.con, sql)
                cursor = corpus.con.execute(sql)
                context["columns"] = [d[0] for d in cursor.description]
                rows = cursor.fetchmany(SQL_ROW_LIMIT + 1)
                context["rows"], context["more"] = rows[:SQL_ROW_LIMIT], len(rows) > SQL_ROW_LIMIT
            except (duckdb.Error, QueryError) as exc:
                context["error"] = str(exc).splitlines()[0]
        return context

    routes = [
        Route("/", page("home.html", lambda r: pages.home(corpus))),
        Route("/prefecture/{name}", page("prefecture.html", lambda r: pages.prefecture(corpus, r.path_params["name"]))),
        Route("/role/{canonical}", page("role.html", lambda r: pages.canonical_role(corpus, r.path_params["canonical"]))),
        Route("/doc/{doc_id}", page("document.html", lambda r: pages.document(corpus, r.path_params["doc_id"]))),
        Route("/compare", page("compare.html", compare_page)),
        Route("/search", page("search.html", search_page)),
        Route("/sql", page("sql.html", sql_page)),
        Route("/evidence/{doc_id}/{page:int}", page("evidence.html", evidence_page)),
        Route("/page/{doc_id}/{page:int}.png", page_image),
    ]
    app = Starlette(routes=routes)
    app.state.corpus = corpus
    return app


def serve(out_dir: str, host: str = LOOPBACK, port: int = 8765) -> None:
    """Serve the explorer until interrupted."""
    import uvicorn

    uvicorn.run(create_app(out_dir), host=host, port=port, log_level="warning")
