"""Trained weights shipped with the package, each folder with its PROVENANCE.md."""
