"""Renderers: pure functions from events to text (STYLE §5)."""
