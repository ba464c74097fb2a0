"""Topics: key terms, grouping of items into issues, and how positions move over time."""
