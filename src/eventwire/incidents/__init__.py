"""Incidents: the events of many articles that report one real-world event, fused.

- ``model``: the schema (Incident, IncidentSummary, FieldValue, CasualtyFigures, Conflict…);
- ``facts``: what one event of one article contributes to an incident;
- ``similarity``: the features of an event and how well it fits an incident;
- ``cluster``: the incremental clustering step run after each ingest;
- ``reconcile`` and ``casualties``: from the facts of its reports to the reconciled incident;
- ``scoring``: pairwise and B-cubed precision/recall of a clustering against a gold one.

The store reads and writes incidents (``eventwire.store.incidents``); nothing here
extracts: incidents are built from stored ArticleReports only.
"""
