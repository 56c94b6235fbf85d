"""Punctuation repairs: brackets, spacing, run-together sentences, doubled punctuation, styles."""

from __future__ import annotations

from typing import Any

import regex

from ...patterns import TIMEOUT, load_list
from .sentences import sub

_DOMAINS = frozenset(load_list("translation/domains.txt"))


# ---------------------------------------------------------------------------
# bracket
# ---------------------------------------------------------------------------
_PAIRS = {")": "(", "]": "["}
_DOUBLED_CURLY = regex.compile(r"(?<![“”])([“”])\1(?![“”])")
_BETWEEN = regex.compile(r"[ .,;:]*")
_EMOTICON_EYES = ":;=^-"


def fix_brackets(text: str) -> tuple[str, list[str]]:
    """Remove a stray closing bracket glued after a closed group, and doubled curly quotes.

    ``"Group of Seven (G7). ) summit."`` → ``"Group of Seven (G7) summit."``: the
    punctuation between the two brackets goes too when the text goes on in lowercase.
    """
    notes = []
    out = sub(_DOUBLED_CURLY, lambda m: m.group(1), text)
    if out != text:
        notes.append("removed a doubled curly quote")
    if out.count(")") + out.count("]") <= out.count("(") + out.count("["):
        return out, notes  # a stray closing bracket needs more closing than opening ones
    stack: list[tuple[str, int]] = []
    matched: set[int] = set()
    strays: list[int] = []
    for i, ch in enumerate(out):
        if ch in "([":
            stack.append((ch, i))
        elif ch in ")]":
            if stack and stack[-1][0] == _PAIRS[ch]:
                stack.pop()
                matched.add(i)
            else:
                strays.append(i)
    for i in reversed(strays):
        head = out[:i]
        between = _BETWEEN.search(head[::-1], timeout=TIMEOUT)
        gap = between.group(0)[::-1] if between else ""
        close = i - len(gap) - 1
        if close < 1 or close not in matched or out[close] != out[i] or _EMOTICON_EYES.find(out[close - 1]) + _EMOTICON_EYES.find(out[i - 1]) > -2:
            continue
        rest = out[i + 1 :]
        punct = gap.strip()
        keep_punct = punct and not regex.match(r"\s*\p{Ll}", rest, timeout=TIMEOUT)
        out = out[: close + 1] + (punct if keep_punct else "") + rest
        notes.append(f"removed a stray {out[close]!r} after {text[max(0, close - 12):close + 1].strip()!r}")
    return out, notes


# ---------------------------------------------------------------------------
# spacing
# ---------------------------------------------------------------------------
# A space before , . ! ? (followed by a space, the end, or a closing quote/bracket) and
# before ; : (followed by a space or the end, so ":)" and ";-)" smileys are left alone).
_SPACE_BEFORE = regex.compile(
    r"(?:(?<=[\p{L}\p{N}”’])|(?<=(?<![:;=^-])[)\]]))( +)"
    r"(?:(\.(?!\s+[.\p{Ll}])|[,!?])(?=[\s)\]”’\"»]|$)|(?<=\p{L} +)([;:])(?=\s+[^\s()]|$))"
)
# "War ,Soviet": the space is on the wrong side of the comma.
_SPACE_WRONG_SIDE = regex.compile(r"(?<=[\p{L}\p{N}]) +,(?=\p{L})")
_BRACKET_INNER = regex.compile(r"([(\[])( *)([^()\[\]\n]+?)( *)([)\]])")
_CURLY_INNER = regex.compile(r"“( *)([^“”\n]+?)( *)”")
_INNER_START = regex.compile(r"[\p{L}\p{N}\"“‘'$€£#]")
_INNER_END = regex.compile(r"[\p{L}\p{N}.!?%]")
_FRENCH_MARKS = frozenset(";:!?")
SPACING_HINTS = (" ,", " .", " ;", " :", " !", " ?", "( ", " )", "[ ", " ]", "“ ", " ”")
_OTHER_SPACING = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Thai}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Syriac}\p{Thaana}]")


def french_spacing_applies(text: str, language: str | None, french_spacing: str) -> bool:
    """Whether the space before ``; : ! ?`` may be French typography (then it is kept).

    ``auto``: when the language is French, when it is unknown (a short French heading
    such as ``Pourquoi maintenant ?`` has too few letters to be identified), or when
    the paragraph uses « guillemets ».
    """
    if french_spacing != "auto":
        return french_spacing == "always"
    return language in ("fr", None) or "«" in text or "»" in text


def fix_spacing(text: str, *, french: bool = False) -> tuple[str, list[str]]:
    """Remove spaces before punctuation and inside brackets and curly quotes.

    ``"During the Vietnam War , Soviet power"`` → ``"During the Vietnam War, Soviet power"``;
    ``"( G7 )"`` → ``"(G7)"``.  In French text the space before ``; : ! ?`` is kept.
    Paragraphs in Arabic, Hebrew, Thai or CJK scripts, whose spacing conventions differ,
    are left alone; so are ratios (``2 : 1``), smileys (``; )``, ``:) .``) and a lone dot
    before lowercase text (``ls -la . to``).
    """
    notes: list[str] = []
    if not any(pair in text for pair in SPACING_HINTS) or _OTHER_SPACING.search(text, timeout=TIMEOUT):
        return text, notes

    def before(m: Any) -> str:
        mark = m.group(2) or m.group(3)
        if french and mark in _FRENCH_MARKS:
            return m.group(0)
        notes.append(f"removed the space before {mark!r}")
        return mark

    out = sub(_SPACE_BEFORE, before, text)
    moved = sub(_SPACE_WRONG_SIDE, ", ", out)
    if moved != out:
        notes.append("moved a space to after its comma")
        out = moved

    def inner(m: Any) -> str:
        left, body, right = m.group(2), m.group(3), m.group(4)
        if _PAIRS.get(m.group(5)) != m.group(1) or not (left or right):
            return m.group(0)
        if not (_INNER_START.match(body, timeout=TIMEOUT) and _INNER_END.match(body[-1], timeout=TIMEOUT)):
            return m.group(0)
        notes.append(f"removed the space inside {m.group(1)}{m.group(5)}")
        return m.group(1) + body + m.group(5)

    out = sub(_BRACKET_INNER, inner, out)
    if "„" not in out:  # German „…“ uses “ as a closing quote: leave its spacing alone

        def curly(m: Any) -> str:
            left, body, right = m.group(1), m.group(2), m.group(3)
            if not (left or right) or not (_INNER_START.match(body, timeout=TIMEOUT) and _INNER_END.match(body[-1], timeout=TIMEOUT)):
                return m.group(0)
            notes.append("removed the space inside “”")
            return f"“{body}”"

        out = sub(_CURLY_INNER, curly, out)
    return out, notes


# ---------------------------------------------------------------------------
# run-together
# ---------------------------------------------------------------------------
_RUN_TOGETHER = regex.compile(
    r"(?<![\p{L}\p{N}.@/\\_#=&%+~:'’])"
    r"(?P<prev>(?:\p{L}+[-'’])*(?:\p{Lu}?\p{Ll}+|\p{Lu}+)|\p{N}{2,})"
    r"(?P<punct>\.\.\.|[.!?…])"
    r"(?P<close>[”’»)\"]?)"
    r"(?P<open>[“‘«(]?)"
    r"(?P<next>\p{Lu}\p{Ll}+)"
    r"(?![\p{L}\p{N}_@/\\(=]|[.:,]?[\p{L}\p{N}])"
)


RUN_TOGETHER_HINT = regex.compile(r"[.!?…][”’»)\"“‘«(]?\p{Lu}")


def fix_run_together(text: str) -> tuple[str, list[str]]:
    """Put the missing space between two sentences: ``"ended.The next"`` → ``"ended. The next"``.

    Left alone: ``U.S.A``, ``e.g.``, ``J.R.R.Tolkien`` (one-letter parts), ``Node.js`` and
    ``example.com`` (lowercase after the dot), ``System.Console.WriteLine`` (code),
    ``iOS.App`` (a mixed-case name), ``Amazon.Com`` (a domain), decimals and version numbers.
    """
    notes: list[str] = []
    windows = _hinted_tokens(text)
    if not windows:
        return text, notes

    def repl(m: Any) -> str:
        if len(regex.split(r"[-'’]", m.group("prev"), timeout=TIMEOUT)[-1]) < 2:
            return m.group(0)  # an initial: "D-W.Va."
        if m.group("punct") == "." and m.group("next").lower() in _DOMAINS and not m.group("close"):
            return m.group(0)
        close = m.group("close")
        if close == '"' and m.string.count('"', 0, m.start("close")) % 2 == 0:
            return m.group(0)  # an opening straight quote glued to the full stop: ambiguous
        head = m.group("prev") + m.group("punct") + close
        notes.append(f"added a space in {m.group(0)!r}")
        return head + " " + m.group("open") + m.group("next")

    pieces, last = [], 0
    for start, end in windows:  # a match holds no space: the tokens without a hint hold none
        for m in _RUN_TOGETHER.finditer(text, start, end, timeout=TIMEOUT):
            pieces += [text[last : m.start()], repl(m)]
            last = m.end()
    return "".join(pieces) + text[last:], notes


def _hinted_tokens(text: str) -> list[tuple[int, int]]:
    """The space-delimited tokens of ``text`` holding a ``RUN_TOGETHER_HINT``, as (start, end)."""
    windows: list[tuple[int, int]] = []
    for hint in RUN_TOGETHER_HINT.finditer(text, timeout=TIMEOUT):
        start = text.rfind(" ", 0, hint.start()) + 1
        end = text.find(" ", hint.end())
        window = (start, len(text) if end == -1 else end)
        if not windows or windows[-1] != window:
            windows.append(window)
    return windows


# ---------------------------------------------------------------------------
# doubled-punctuation
# ---------------------------------------------------------------------------
_DOUBLED_PUNCT = regex.compile(
    r"(?<=[\p{L}\p{N})\]”’\"])(?:"
    r"(?P<dots>\.\.)(?=\s+[\p{Lu}\p{N}“\"‘(«])|(?<=\.\p{L}|\p{L}\.\p{L}{2})(?P<dots_end>\.\.)(?=\s*$|[”’\")\]])"
    r"|(?P<commas>,,)(?=\s|$)"
    r"|(?P<mark>[?!])\.(?=\s|$|[”’\")\]])"
    r"|(?P<comma_dot>,\.)(?=\s|$|[”’\")\]])"
    r"|(?P<semis>;;)(?=\s|$)"
    r"|(?P<spaced>\. \.)(?!\s\.)(?=\s|$)"
    r")"
)


#: A paragraph with this many two-dot marks uses them as its ellipsis.
TWO_DOT_STYLE = 2


def fix_doubled_punctuation(text: str) -> tuple[str, list[str]]:
    """Collapse doubled punctuation: ``"ended.. The"`` → ``"ended. The"``, ``",,"`` → ``","``, ``"?."`` → ``"?"``.

    Ellipses (``...``, ``. . .``), a two-dot ellipsis before lowercase text or at the end
    (``"wait.. what"``, ``"and so on.."``; only ``"U.S.."`` is collapsed there), ``?!``/``!!``,
    ranges (``1..5``) and paths (``../``) are left alone; so is every two-dot mark of a paragraph
    that writes two or more of them (``"fascinating.. I love them.. each"``: the writer's ellipsis).
    """
    notes: list[str] = []
    ellipsis_style = text.count("..") - 2 * text.count("...") >= TWO_DOT_STYLE

    def repl(m: Any) -> str:
        found = m.group(0)
        if ellipsis_style and (m.group("dots") or m.group("dots_end")):
            return found
        single = "." if m.group("dots") or m.group("dots_end") or m.group("spaced") or m.group("comma_dot") else found[0]
        notes.append(f"{found!r} → {single!r}")
        return single

    return sub(_DOUBLED_PUNCT, repl, text), notes



# ---------------------------------------------------------------------------
# quote and dash styles (off by default)
# ---------------------------------------------------------------------------
_CURLY_TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_OPEN_DOUBLE = regex.compile(r"(?:(?<=^|[\s(\[{—–-])\")")
_OPEN_SINGLE = regex.compile(r"(?:(?<=^|[\s(\[{—–-])')")
_SPACED_DASH = regex.compile(r"(?<=\S) (?:--?|–|—) (?=\S)|(?<=\p{L})—(?=\p{L})")


def normalize_styles(text: str, *, quotes: str, dashes: str) -> tuple[str, list[str]]:
    """Normalise quotes (``straight`` or ``curly``) and sentence dashes (``en`` " – " or ``em`` "—").

    German „…“, French « », CJK and other scripts' marks are never changed; hyphens
    inside words and ranges (``10-20``) are not dashes.
    """
    notes = []
    out = text
    if quotes != "keep" and "„" not in out and "‚" not in out:
        if quotes == "straight":
            out = out.translate(_CURLY_TO_STRAIGHT)
        else:
            out = sub(_OPEN_DOUBLE, "“", out).replace('"', "”")
            out = sub(_OPEN_SINGLE, "‘", out).replace("'", "’")
        if out != text:
            notes.append(f"quotes made {quotes}")
    if dashes != "keep":
        dash = " – " if dashes == "en" else "—"
        new = sub(_SPACED_DASH, dash, out)
        if new != out:
            notes.append(f"dashes made {dashes} dashes")
            out = new
    return out, notes

