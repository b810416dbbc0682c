"""Readers that turn sources (text, HTML, URL, JSONL, stdin) into Articles."""
