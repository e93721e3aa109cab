"""Renderers: figures and problems → text, JSON, CSV, tables, documents and sheets."""
