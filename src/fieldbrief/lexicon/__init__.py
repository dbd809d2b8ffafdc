"""spaCy-free domain knowledge loaded from data/: number words, calendar names, datelines, pronouns.

Imported by the cleaner, the extraction stages and linking alike, so each fact has one home.
"""
