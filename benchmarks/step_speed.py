"""CPU time of each step outside the boilerplate family, alone, on the inputs the default chain hands it.

Three inputs: 5 KB articles (``samples/`` and ``../shared/bench`` bodies, as ``speed.py``), each
step run on the document as the default chain left it for that step (settle rounds included);
documents of articles joined (4 MB, or the sizes of ``--mb``); a million one-word lines.  For the big inputs each
step runs on the raw text (its language set to ``en``), so a step's own per-line cost shows even
where the boilerplate step would have removed the lines first.  CPU seconds
(``time.process_time``), best of ``--repeat`` runs, after one untimed pass.

    python benchmarks/step_speed.py
    python benchmarks/step_speed.py --mb 1 4 16 --repeat 1     # is time per MB constant?
    python benchmarks/step_speed.py --in-chain --repeat 5      # every step where it stands in the chain
    PYTHONPATH=/path/to/other/checkout python benchmarks/step_speed.py   # the same on another version
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import by_size, load_texts  # noqa: E402

#: The steps outside the boilerplate family, in the default chain's order.
STEPS = (
    "repair_encoding",
    "remove_invisible_characters",
    "normalize_whitespace",
    "join_hyphenated_lines",
    "detect_language",
    "filter_language",
    "repair_typography",
)


def fresh(doc):  # type: ignore[no-untyped-def]
    """A copy of ``doc`` a step can change without touching ``doc`` (the text itself is shared).

    The copy has its own memo (``cache``) holding what ``doc``'s holds now: a timed run must not
    find what an earlier run of the same step, or the rest of the chain, remembered later.
    """
    new = copy.copy(doc)
    new.paragraphs, new.meta, new.edits, new.flags = list(doc.paragraphs), dict(doc.meta), list(doc.edits), list(doc.flags)
    new.cache = {key: _memo_copy(memo) for key, memo in doc.cache.items()}
    return new


def _memo_copy(memo):  # type: ignore[no-untyped-def]
    """A copy of one memo of ``Document.cache``: its dicts (in a tuple too) copied, the values they hold shared."""
    if isinstance(memo, dict):
        return dict(memo)
    if isinstance(memo, tuple):
        return tuple(map(_memo_copy, memo))
    return memo


def chain_states(docs: list[str]) -> dict[str, list]:
    """The document each step of :data:`STEPS` is handed by the default chain, for every document."""
    import cleaner.chain as chain_module
    from cleaner import Chain

    states: dict[str, list] = {name: [] for name in STEPS}
    run_step = chain_module.run_step

    def spy(step, doc, runner):  # type: ignore[no-untyped-def]
        if step.name in states:
            states[step.name].append(fresh(doc))
        return run_step(step, doc, runner)

    chain_module.run_step = spy
    try:
        chain = Chain.default()
        for text in docs:
            chain.run_text(text)
    finally:
        chain_module.run_step = run_step
    return states


def best_cpu(step, states: list, repeat: int) -> float:
    """Least CPU seconds of running ``step`` on fresh copies of ``states``."""
    from cleaner.guard import run_step
    from cleaner.runners import RUNNERS

    runner, best = RUNNERS[step.spec.kind], float("inf")
    for _ in range(repeat + 1):  # the first pass is untimed: word lists and models load once
        docs = [fresh(doc) for doc in states]
        cpu = time.process_time()
        for doc in docs:
            run_step(step, doc, runner)
        best = min(best, time.process_time() - cpu)
    return best


def in_chain(docs: list[str], repeat: int) -> None:
    """CPU ms per document of every step of the default chain where it stands (settle rounds
    included), and of the chain's own work around them: the least of ``repeat`` runs, step by step."""
    import cleaner.chain as chain_module
    from cleaner import Chain

    chain, run_step = Chain.default(), chain_module.run_step
    spent: dict[str, float] = {}

    def timed(step, doc, runner):  # type: ignore[no-untyped-def]
        cpu = time.process_time()
        try:
            return run_step(step, doc, runner)
        finally:
            spent[step.name] = spent.get(step.name, 0.0) + time.process_time() - cpu

    for text in docs:  # untimed: word lists and models load once
        chain.run_text(text)
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent.clear()
        chain_module.run_step = timed
        try:
            cpu = time.process_time()
            for text in docs:
                chain.run_text(text)
            spent["the chain's own work"] = time.process_time() - cpu - sum(spent.values())
        finally:
            chain_module.run_step = run_step
        best = {name: min(best.get(name, seconds), seconds) for name, seconds in spent.items()}
    for name, seconds in best.items():
        print(f"{name:28} {seconds / len(docs) * 1000:12.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="5 KB articles (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure (default 3)")
    parser.add_argument("--mb", type=float, nargs="+", default=[4], help="sizes of the joined-articles documents (default 4)")
    parser.add_argument("--in-chain", action="store_true", help="only every step of the chain where it stands, on the 5 KB articles")
    args = parser.parse_args()
    import cleaner
    from cleaner import Chain
    from cleaner.document import Document

    texts = load_texts()
    if args.in_chain:
        print(f"cleaner from {Path(cleaner.__file__).parent}\n{'step (in the chain)':28} {'5 KB ms/doc':>12}")
        in_chain(by_size(texts, "5KB", args.limit), args.repeat)
        return 0
    steps = {s.name: s for s in Chain.default().steps}
    states = chain_states(by_size(texts, "5KB", args.limit))
    joined = "\n\n".join(texts)
    while len(joined) < max(args.mb) * 1_000_000:  # the bodies again, as speed.py's big documents
        joined += "\n\n" + joined
    bigs = [Document(joined[: int(mb * 1_000_000)], {"language": "en"}) for mb in args.mb]
    lines = Document("\n".join(f"word{i % 997}" for i in range(1_000_000)), {"language": "en"})
    print(f"cleaner from {Path(cleaner.__file__).parent}")
    print(f"{'step':28} {'5 KB ms/doc':>12}" + "".join(f"{f'{mb:g} MB s':>9}" for mb in args.mb) + f" {'1M lines s':>11}")
    total = [0.0] * (len(bigs) + 2)
    for name in STEPS:
        row = [best_cpu(steps[name], states[name], args.repeat) / max(1, len(states[name])) * 1000,
               *(best_cpu(steps[name], [big], args.repeat) for big in bigs), best_cpu(steps[name], [lines], args.repeat)]
        total = [t + r for t, r in zip(total, row)]
        print(f"{name:28} {row[0]:12.3f}" + "".join(f"{r:9.3f}" for r in row[1:-1]) + f" {row[-1]:11.3f}")
    print(f"{'all seven':28} {total[0]:12.3f}" + "".join(f"{r:9.3f}" for r in total[1:-1]) + f" {total[-1]:11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
