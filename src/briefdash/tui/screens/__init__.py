"""Screens of the briefdash dashboard."""
