"""Roster CSVs: reading real exports (csv and columnar readers) and scoring every account."""
