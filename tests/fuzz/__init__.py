"""A fuzzing run by hand, outside CI (docs/robustness.md)."""
