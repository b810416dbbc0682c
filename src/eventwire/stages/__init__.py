"""Extraction stages: one module per stage, each a function of the shared Findings."""
