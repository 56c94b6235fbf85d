"""A long fuzzing run of ``clean_article`` outside CI (not collected by pytest: no ``test_`` prefix).

    python tests/fuzz/fuzz_clean.py --minutes 15 --out fuzz-findings.json

Draws inputs with hypothesis until the time is up, in rounds of ``--batch`` examples
with fresh random seeds: mutated real articles as text (the strategy of
``tests/test_robustness_properties.py``), the same articles laid out as HTML pages
with furniture around them and damaged markup, articles with a line of mojibake soup (the
characters that make the encoding steps' order matter), and arbitrary text and bytes.  For
each input it checks that

* ``clean_article`` returns a result (never raises) whose text encodes as UTF-8;
* cleaning again gives the same result (deterministic);
* cleaning the output again changes nothing (idempotent; a page's text is cleaned again
  with its metadata, as the output records carry it, and how often the bare text would
  change is counted apart);
* the call spends no more CPU time than the document's time budget, and no more wall time
  than its backstop (plus a second of slack each; see :mod:`cleaner.deadline`).

Every failure is recorded (the run never stops at the first), printed by kind at the
end and written to ``--out``; each is a regression case to minimise and keep
(``tests/data/idempotence_cases.json``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the tests folder: conftest's profiles and the article strategy

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner import Chain, clean_article, deadline  # noqa: E402
from test_robustness_properties import ANY_TEXT, MOJIBAKE_SOUP, html_page, mutated_article  # noqa: E402

#: Seconds of slack over a document's time budget before a call counts as too slow.
SLACK = 1.0
BUDGET = Chain.default().budget

INPUTS = st.one_of(
    mutated_article().map(lambda t: ("text", t)),
    html_page().map(lambda t: ("html", t)),
    ANY_TEXT.map(lambda t: ("any", t)),
    st.tuples(mutated_article(), st.text(st.sampled_from(MOJIBAKE_SOUP), max_size=30)).map(lambda p: ("soup", f"{p[0]}\n{p[1]}")),
    st.binary(max_size=400).map(lambda b: ("bytes", b)),
)


def check(kind: str, raw: str | bytes) -> list[tuple[str, str]]:
    """The properties that fail for ``raw``: (property, detail)."""
    start, cpu = time.perf_counter(), time.thread_time()
    try:
        first = clean_article(raw)
    except Exception as exc:  # noqa: BLE001 - a crash is a finding
        return [("crash", f"{type(exc).__name__}: {exc}")]
    seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
    found = []
    budget = BUDGET.seconds_for(len(raw))
    if budget and (cpu > budget + SLACK or seconds > deadline.backstop(budget) + SLACK):
        found.append(("time", f"{cpu:.1f} CPU s, {seconds:.1f} s wall > {budget:.1f} CPU s, backstop {deadline.backstop(budget):.0f} s"))
    try:
        first.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        found.append(("unwritable", str(exc)))
    if clean_article(raw).to_dict() != first.to_dict():
        found.append(("nondeterministic", ""))
    if not first.dropped:
        # A page's text is cleaned again with its metadata (title, format), as the output records
        # carry it; how often the bare text would change is counted apart.
        again = first.meta if kind == "html" else None
        second = clean_article(first.text, meta=again)
        if second.text != first.text:
            found.append(("not-idempotent", second.text if not second.dropped else f"dropped: {second.drop_reason}"))
        elif again and clean_article(first.text).text != first.text:
            found.append(("not-idempotent-without-metadata", ""))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--batch", type=int, default=500, help="examples per hypothesis run")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings.json"))
    args = parser.parse_args()
    findings: list[dict] = []
    counts: dict[str, int] = {}

    @settings(max_examples=args.batch, deadline=None, database=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(INPUTS)
    def one(item: tuple[str, str | bytes]) -> None:
        kind, raw = item
        counts[kind] = counts.get(kind, 0) + 1
        for prop, detail in check(kind, raw):
            findings.append({"property": prop, "kind": kind, "detail": detail[:2000],
                             "input": raw if isinstance(raw, str) else raw.hex()})

    wall, cpu = time.time(), time.process_time()
    while time.time() - wall < args.minutes * 60:
        one()
        print(f"{time.time() - wall:7.0f} s  {sum(counts.values())} examples  {len(findings)} findings", flush=True)
    by = {}
    for f in findings:
        by[(f["property"], f["kind"])] = by.get((f["property"], f["kind"]), 0) + 1
    print(f"ran {time.time() - wall:.0f} s wall, {time.process_time() - cpu:.0f} s CPU; examples by kind: {counts}")
    print("findings:", {f"{p} ({k})": n for (p, k), n in sorted(by.items())} or "none")
    args.out.write_text(json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
