"""jinzai's benchmark (`make bench`, `python bench/run.py`): one module per section."""
