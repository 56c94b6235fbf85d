"""Glue for the tools crawls come from: :mod:`cleaner.integrations.scrapy` (a Scrapy item pipeline)."""
