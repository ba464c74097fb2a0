"""Briefing transcripts: HTML to paragraphs, and paragraphs to Q&A items."""
