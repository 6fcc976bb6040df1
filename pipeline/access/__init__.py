"""Reading a corpus as people do: the Python API (`corpus`), readable answers to SQL
(`answers`), full-text search (`search`), Excel/CSV export (`export`), the HTML report
(`report`) and the web explorer (`explorer`). Nothing here writes to the corpus."""
