"""jinzai.normalizers: domain normalization of Japanese municipal policy text.

Modules: `text` (CONTRACT text normalization), `dates` (wareki, fiscal years),
`numbers` (quantities), `roles` (role synonyms), `legends` (matrix marks and
training formats), `terms` (SudachiPy / GiNZA). Vocabularies live in `data/*.yaml`.
"""

from jinzai.normalizers.dates import (
    InvalidDate,
    parse_fiscal_period,
    parse_fiscal_year,
    parse_within_years,
    parse_year_month,
)
from jinzai.normalizers.legends import normalize_format, parse_legend, requirement_of
from jinzai.normalizers.numbers import Quantity, parse_quantity
from jinzai.normalizers.roles import canonical_role, resolve_role_reference
from jinzai.normalizers.terms import find_organizations, goal_sentences, normalized_form
from jinzai.normalizers.text import normalize_name, normalize_text, split_items, split_list

__all__ = [
    "InvalidDate", "Quantity", "canonical_role", "find_organizations", "goal_sentences",
    "normalize_format", "normalize_name", "normalize_text", "normalized_form",
    "parse_fiscal_period", "parse_fiscal_year", "parse_legend", "parse_quantity",
    "parse_within_years", "parse_year_month", "requirement_of", "resolve_role_reference", "split_items", "split_list",
]
