"""PyMuPDF as jinzai loads it: without the optional packages PyMuPDF 2 imports itself.

`import pymupdf` also imports `pymupdf.layout` (a layout analyzer: an ONNX model and
its runtime) and `pymupdf4llm` (Markdown and JSON export, `Document.to_markdown`)
whenever they are installed, and PyMuPDF's own requirements install both: about 75 MB
and 1.5 s of CPU in every process that reads a PDF, the forkserver of the extraction
workers included. jinzai reads a page's layout itself (`jinzai.extractors.model`) and
calls neither (`Page.get_layout`, `find_tables`, `Document.to_*`), so it keeps them from
loading; PyMuPDF takes them as not installed, which its imports allow for. Every module
of jinzai imports PyMuPDF from here.

What importing `pymupdf4llm` also did to MuPDF for the whole process is done here on
purpose, so that text boxes and messages stay those every reader was written against.
"""

import sys

for _optional in ("pymupdf.layout", "pymupdf4llm"):
    sys.modules.setdefault(_optional, None)  # importing it now raises ImportError

import pymupdf  # noqa: E402  (after the lines above)

# character boxes as MuPDF gives them, without PyMuPDF's ascender/descender corrections
pymupdf.TOOLS.unset_quad_corrections(True)
# MuPDF's errors and warnings are not printed; the layout reader collects them
# (`TOOLS.mupdf_warnings`) and says what they mean for the file
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

__all__ = ["pymupdf"]
