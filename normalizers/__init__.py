"""jinzai.normalizers: domain normalization of Japanese municipal policy text.

Modules: `text` (CONTRACT text normalization), `dates` (wareki, fiscal years),
`numbers` (quantities), `roles` (role synonyms), `legends` (matrix marks and
training formats), `terms` (SudachiPy / GiNZA). Vocabularies live in `data/*.yaml`.
"""

from jinzai.normalizers.text import normalize_name, normalize_text, split_items, split_list

__all__ = ["normalize_name", "normalize_text", "split_items", "split_list"]
