"""Cross-language contract tests: clients outside Python against the real platform."""
