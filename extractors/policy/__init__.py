"""A policy's records: roles first (`roles`, `role_match`), then skills, levels, trainings
(tables and lists), targets (tables, count tables, goal sentences with `goal_parse`), the
digital part of a general policy, and the header vocabularies they share. `read.extract_policy`
is the entry point."""
