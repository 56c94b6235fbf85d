"""The fuzzing script runs by hand (docs/robustness.md), never under pytest."""

collect_ignore = ["fuzz_clean.py"]
