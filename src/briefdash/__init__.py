"""briefdash: a terminal dashboard for diplomatic press briefings."""
__version__ = "0.1.0"
