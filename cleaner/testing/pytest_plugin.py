"""pytest plugin (registered through the ``pytest11`` entry point when cleaner is installed).

Fixtures:

* ``cleaner_check`` — the helpers of :mod:`cleaner.testing` as one object:
  ``cleaner_check.cleans(filter, dirty, clean)``, ``.unchanged(filter, text)``,
  ``.removes(filter, text, *lines)``, ``.golden(folder, config=None)``, ``.run(filter, text)``.

Option ``--update-golden``: golden checks write the expected files from the
current output instead of comparing (review the diff before committing it).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import cleaner.testing as helpers


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="cleaner: rewrite golden expected files from the current output instead of comparing",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-golden", default=False):
        helpers.UPDATE_GOLDEN = True


@pytest.fixture
def cleaner_check() -> SimpleNamespace:
    """The :mod:`cleaner.testing` assertions, for tests that prefer a fixture to an import."""
    return SimpleNamespace(
        cleans=helpers.assert_cleans,
        unchanged=helpers.assert_unchanged,
        removes=helpers.assert_removes,
        golden=helpers.check_golden_folder,
        run=helpers.run_filter,
    )
