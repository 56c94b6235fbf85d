"""The hostile plugin is installed into a temporary site by the tests; never imported from here."""

collect_ignore = ["cleaner_hostile.py"]
