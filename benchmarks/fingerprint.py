"""Fingerprint of what cleaner outputs: one hash over text, metadata and edit log, to prove a speed-up changed nothing.

Inputs: ``samples/input/*`` (through :func:`cleaner.clean_article`), the article bodies of
``../shared/bench/extraction/*/ground-truth.json`` (the default chain), each of them through
every non-boilerplate step alone (so a step sees raw furniture too), a 1 MB document of the
bodies joined through those steps, and generated short-line text.  Timings are not part of it.

    python benchmarks/fingerprint.py --save /tmp/before.json     # before a change
    python benchmarks/fingerprint.py --compare /tmp/before.json  # after: lists the inputs that differ
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import ROOT, load_texts  # noqa: E402
from step_speed import STEPS  # noqa: E402

#: The steps checked alone as well as in the chain: those outside the boilerplate family, but
#: filter_language (alone, without a detected language, it has nothing to decide).
ALONE = tuple(name for name in STEPS if name != "filter_language")


def digest(result) -> str:
    """A hash of everything a user sees of a result (timings excepted)."""
    data = json.dumps(
        [result.text, result.meta, result.drop_reason, result.flags, [e.to_dict() for e in result.edits]],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def generated() -> dict[str, str]:
    """Inputs made by code: short lines, hyphenated breaks, spacing and doubled-word damage."""
    words = [f"word{i % 997}" for i in range(20_000)]
    damage = " ".join(
        f"The the council , voted.It was co-\ndirector of pre-\nvious ( G7 ). ) work {i}.. LExpress L’Express"
        for i in range(300)
    )
    return {"one-word lines": "\n".join(words), "damage": damage, "damage lines": damage.replace(". ", ".\n")}


def fingerprints() -> dict[str, str]:
    from cleaner import Chain, clean_article

    out: dict[str, str] = {}
    for path in sorted((ROOT / "samples" / "input").iterdir()):
        out[f"sample {path.name}"] = digest(clean_article(path.read_bytes()))
    texts = load_texts()
    chain = Chain.default()
    for i, text in enumerate(texts):
        out[f"chain {i}"] = digest(chain.run_text(text))
    singles = {name: Chain([name]) for name in ALONE}
    big = "\n\n".join(texts)[:1_000_000]
    for name, single in singles.items():
        for i, text in enumerate(texts):
            out[f"{name} {i}"] = digest(single.run_text(text))
        out[f"{name} 1MB"] = digest(single.run_text(big))
    for key, text in generated().items():
        out[f"chain {key}"] = digest(chain.run_text(text))
        for name, single in singles.items():
            out[f"{name} {key}"] = digest(single.run_text(text))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", type=Path, help="write the fingerprints to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with fingerprints saved earlier")
    args = parser.parse_args()
    prints = fingerprints()
    total = hashlib.sha256(json.dumps(prints, sort_keys=True).encode()).hexdigest()[:16]
    print(f"{len(prints)} inputs, fingerprint {total}")
    if args.save:
        args.save.write_text(json.dumps(prints, indent=0, sort_keys=True), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | prints.keys() if before.get(k) != prints.get(k))
        print(f"{len(differ)} differ from {args.compare}" + (": " + ", ".join(differ[:30]) if differ else ""))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
