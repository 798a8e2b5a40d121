"""Renderers: knowledge base in, Markdown pages and JSON out."""
