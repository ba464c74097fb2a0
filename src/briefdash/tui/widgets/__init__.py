"""Widgets of the briefdash dashboard."""
