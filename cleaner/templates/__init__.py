"""Site templates: learn the lines a site repeats on many of its pages, and remove them.

* :func:`learn_templates` (``cleaner learn``) counts line fingerprints per site and keeps the
  lines recurring on enough of a site's documents (:mod:`.learn`);
* :func:`count_lines` and :func:`merge_counts` are the map and reduce of that count, for
  partitions of a corpus on several processes or a Dask cluster (:mod:`.count`);
* :class:`Templates` is the versioned JSON file (:mod:`.store`);
* the ``site_templates`` step removes a site's template lines (:mod:`cleaner.filters.templates`),
  or only marks them for a line classifier (:func:`template_share`).

See ``docs/templates.md``.
"""

from .apply import META_KEY, template_share, template_shares
from .count import Counts, SpillingCounts, count_lines, merge_all, merge_counts
from .fingerprints import fingerprint, fingerprint_id, fold, site_of
from .learn import Thresholds, document_lines, learn_bag, learn_templates, site_lines, templates_from_counts
from .store import Templates, load_templates

__all__ = [
    "META_KEY",
    "Counts",
    "SpillingCounts",
    "Templates",
    "Thresholds",
    "count_lines",
    "document_lines",
    "fingerprint",
    "fingerprint_id",
    "fold",
    "learn_bag",
    "learn_templates",
    "load_templates",
    "merge_all",
    "merge_counts",
    "site_lines",
    "site_of",
    "template_share",
    "template_shares",
    "templates_from_counts",
]
