"""Site templates: how much recurring furniture ``site_templates`` removes, and that it keeps the articles.

Builds a multi-site corpus where the truth is known.  Each synthetic site gets its own real
article bodies (the gold ``articleBody`` texts of ``../shared/bench/extraction/scrapinghub-aeb``
and ``cleaneval-dragnet``, no HTML) and a handful of furniture lines written here (navigation,
sign-off, promo, copyright, page counters...), put on every page at varied positions, some with
numbers and dates that change from page to page, some spelt differently from page to page
(``L’Observateur`` / ``L'OBSERVATEUR`` / ``LObservateur``), and one "section" line on half the
pages.  Sites have 5, 10, 20 or 50 pages.

For each site size it reports the share of furniture lines removed and of article lines kept by:

* ``site_templates`` alone (a chain of that one step, after ``learn_templates`` on the corpus),
  with the default damage budget and with the budget off (``policy = "keep"``): a short page whose
  furniture is more than half its words has the removals undone by the budget;
* the default chain (without the step);
* the default chain with ``site_templates`` inserted before ``remove_boilerplate``;

and how many article lines the ``site_templates`` step itself removed (the target is none).
A line counts as kept when its folded form (:func:`cleaner.templates.fold`) is among the
output's lines or is the title ``extract_title`` moved out of the text.  Times are CPU seconds (``time.process_time``).

With ``--memory N...`` it instead learns from N generated documents (30 unique lines each, plus
two template lines, on 100 sites), each size in a fresh process, and prints the peak resident
memory: flat once the count table spills sorted runs to disk (over 200,000 entries).

Usage::

    python benchmarks/templates.py                  # 3 sites of each size
    python benchmarks/templates.py --sites-per-size 4 --seed 7
    python benchmarks/templates.py --memory 10000 40000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "bench" / "extraction"
SETS = ("scrapinghub-aeb", "cleaneval-dragnet")
SIZES = (5, 10, 20, 50)

#: Site names, some with an apostrophe or accents that pages spell in several ways.
NAMES = ("L’Observateur", "Río Gazette", "The Daily Ledger", "Hamburger Abendpost", "Le Petit Écho",
         "Northern Courier", "O’Brien Report", "Crónica del Sur", "Valley Times", "Die Woche Heute",
         "Harbour Light", "Métro Matin", "The Weekly Anvil", "Côte Journal", "Prairie Herald", "Eastside Wire")
SECTIONS = ("Business", "Culture", "Science", "Politics", "Travel", "Sport")
MONTHS = ("January", "March", "May", "July", "September", "November")

#: Furniture written for the benchmark ({name}, {n}, {m}, {date}, {time}, {year} vary per page).
FURNITURE = (
    "{name} | Home | World | Business | Sport | Culture",
    "Weather   Live Markets   {name} TV",
    "Updated {time}, {date}",
    "Subscribe to {name} for {n} cents a week",
    "© {year} {name} Media Group. All rights reserved.",
    "Follow {name} on Facebook and Twitter",
    "Page {n} of {m}",
    "Most read on {name} this week",
    "Sign up for the {name} morning briefing — it's free",
    "{n} comments",
    "Listen to this article · {n} min",
    "Read more: {name} special report, {date}",
)
PER_SITE = 6
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Page:
    site: str
    size: int  # pages of its site
    url: str
    lines: list[tuple[str, bool]]  # (line, is_furniture)

    @property
    def text(self) -> str:
        return "\n".join(line for line, _ in self.lines)


@dataclass
class Tally:
    furniture: int = 0
    furniture_removed: int = 0
    article: int = 0
    article_kept: int = 0
    article_removed_by_step: int = 0
    pages: int = 0
    extra: dict = field(default_factory=dict)

    def add(self, page: Page, output: str, title: str | None, edits: list) -> None:
        from cleaner.templates import fold

        # the headline moved to the title by extract_title is kept too
        kept = {fold(line) for line in [*output.splitlines(), title or ""] if line.strip()}
        self.pages += 1
        article_lines = {line.strip() for line, furn in page.lines if not furn}
        for line, furn in page.lines:
            here = fold(line) in kept
            if furn:
                self.furniture += 1
                self.furniture_removed += not here
            else:
                self.article += 1
                self.article_kept += here
        self.article_removed_by_step += sum(
            1 for e in edits if e.filter == "site_templates" and e.action == "removed" and e.before.strip() in article_lines
        )


def spell(name: str, rng: random.Random) -> str:
    """The site name as one page spells it: curly or straight apostrophe, none, capitals, accents dropped."""
    import unicodedata

    variants = [name, name.replace("’", "'"), name.replace("’", ""), name.upper()]
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return rng.choice(variants + [plain])


def furniture_line(template: str, name: str, rng: random.Random) -> str:
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
    return template.format(name=spell(name, rng), n=rng.randint(1, 999), m=rng.randint(2, 40), date=date,
                           time=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", year=rng.randint(2015, 2025))


def load_bodies() -> list[list[str]]:
    bodies = []
    for name in SETS:
        truth = json.loads((BENCH / name / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth):
            lines = [line.strip() for line in (truth[key].get("articleBody") or "").splitlines() if line.strip()]
            if len(lines) >= 2:
                bodies.append(lines)
    return bodies


def build_corpus(bodies: list[list[str]], sites_per_size: int, seed: int) -> list[Page]:
    rng = random.Random(seed)
    order = list(range(len(bodies)))
    rng.shuffle(order)
    pages, used, site_no = [], 0, 0
    for size in SIZES:
        for _ in range(sites_per_size):
            name = NAMES[site_no % len(NAMES)]
            host = f"site{site_no:02d}-{size}p.example"
            templates = rng.sample(FURNITURE, PER_SITE)
            section = f"More from the {rng.choice(SECTIONS)} desk of {name}"
            for i in range(size):
                body = bodies[order[used]]
                used += 1
                lines: list[tuple[str, bool]] = [(line, False) for line in body]
                extra = [furniture_line(t, name, rng) for t in templates]
                if i % 2 == 0:
                    extra.append(section.replace(name, spell(name, rng)))
                for line in extra:  # top, bottom or anywhere in between
                    where = rng.choice((0, len(lines), rng.randint(0, len(lines))))
                    lines.insert(where, (line, True))
                pages.append(Page(host, size, f"https://{host}/{i:03d}.html", lines))
            site_no += 1
    return pages


def run(pages: list[Page]) -> None:
    from cleaner import Budget, Chain
    from cleaner.templates import learn_templates

    start = time.process_time()
    templates = learn_templates({"text": p.text, "url": p.url} for p in pages)
    learn_cpu = time.process_time() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "templates.json")
        templates.write(path)
        file_bytes = os.path.getsize(path)
        chains = {
            "site_templates alone": Chain([("site_templates", {"path": path})]),
            "site_templates alone, budget off": Chain([("site_templates", {"path": path})], Budget(policy="keep")),
            "default chain": Chain.default(),
            "default + site_templates": Chain.default().insert_before("remove_boilerplate", "site_templates", path=path),
        }
        tallies: dict[str, dict[int, Tally]] = {name: {s: Tally() for s in SIZES} for name in chains}
        cpu = {}
        for name, chain in chains.items():
            start = time.process_time()
            for page in pages:
                result = chain.run_text(page.text, {"url": page.url})
                tallies[name][page.size].add(page, result.text, result.title, result.edits)
            cpu[name] = time.process_time() - start
    print(f"{len(pages)} pages on {len({p.site for p in pages})} sites; learned {templates.line_count} template lines on "
          f"{len(templates.sites)} sites in {learn_cpu:.2f} s CPU ({1000 * learn_cpu / len(pages):.2f} ms/page); "
          f"file {file_bytes:,} bytes\n")
    print("| pages per site | configuration | furniture removed | article lines kept | article lines removed by the step | CPU ms/page |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in SIZES:
        for name in chains:
            t = tallies[name][size]
            print(f"| {size} | {name} | {t.furniture_removed}/{t.furniture} ({100 * t.furniture_removed / t.furniture:.1f}%) | "
                  f"{t.article_kept}/{t.article} ({100 * t.article_kept / t.article:.2f}%) | {t.article_removed_by_step} | "
                  f"{1000 * cpu[name] / len(pages):.2f} |")


def generated(n: int):
    """``n`` records on 100 sites: 30 unique lines each and two lines every page of the site has."""
    rng = random.Random(n)
    for i in range(n):
        site = f"site{i % 100:03d}.example"
        lines = [" ".join("".join(rng.choices(LETTERS, k=7)) for _ in range(8)) + "." for _ in range(30)]
        lines[3:3] = [f"Menu of {site}", f"Footer of {site}"]
        yield {"text": "\n".join(lines), "url": f"https://{site}/{i}"}


def memory_run(n: int) -> None:
    """Learn from ``n`` generated documents and print the peak resident memory (run in a fresh process)."""
    import resource

    from cleaner.templates import learn_templates

    start = time.process_time()
    templates = learn_templates(generated(n))
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {n:,} | {n * 32:,} | {templates.line_count} | {cpu:.1f} s ({1000 * cpu / n:.2f} ms/doc) | {peak:.0f} MB |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites-per-size", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory", type=int, nargs="+", metavar="N", help="peak memory of learning from N generated documents")
    args = parser.parse_args()
    if args.memory:
        import subprocess

        print("| documents | lines | template lines learned | CPU | peak RSS |\n|---:|---:|---:|---:|---:|")
        for n in args.memory:
            code = f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]; import templates; templates.memory_run({n})"
            subprocess.run([sys.executable, "-c", code], check=True)
        return 0
    if not BENCH.is_dir():
        print(f"{BENCH} not present; nothing to measure")
        return 0
    sys.path.insert(0, str(ROOT))
    pages = build_corpus(load_bodies(), args.sites_per_size, args.seed)
    run(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
