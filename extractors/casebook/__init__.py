"""Casebooks of municipal cases (総務省's 事例集 and the like): the case list, the case
slides, the facts a slide reports, and the vocabulary they are read with. `read.extract_casebook`
is the entry point."""
