"""Weights of the learned attribution tagger (fieldbrief.extract.statements.learned); see PROVENANCE.md."""
