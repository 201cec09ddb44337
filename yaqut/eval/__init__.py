"""Quality measures on real data (read by path; never shipped)."""
