"""spaCy-free domain knowledge loaded from data/: word lists shared by the extraction and linking stages."""
