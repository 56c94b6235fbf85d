from cleaner.testing import assert_cleans, assert_unchanged

import cleaner_redact  # noqa: F401  (registers the filter)


def test_redacts_contacts():
    assert_cleans("redact_contacts", "Write to ana@example.org or call +44 20 7946 0958.", "Write to [redacted] or call [redacted].")


def test_leaves_years_and_prices_alone():
    assert_unchanged("redact_contacts", "In 2024 the price rose to 1,250 euros.")


def test_placeholder_is_a_parameter():
    assert_cleans("redact_contacts", "ana@example.org", "<email>", placeholder="<email>", phones=False)
