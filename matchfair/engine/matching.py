"""Rank SSE suppliers for buyers' needs (and needs for a supplier), with the reasons of each match.

Pure Python: no Flask, no SQLAlchemy. The web app and the command line use the same code:

    python -m matchfair.engine.matching INPUT.json [--top K]     (INPUT.json "-": standard input)

reads the JSON of ../shared/formats/matching.md and prints {"matches": {need id: [{"supplier",
"score", "reasons"}, ...]}}: every need of the input, its best K suppliers (default 20) best first,
equal scores by supplier id. Malformed input: a message naming the item on standard error, nothing
on standard output, exit status 2.

Who matches. A supplier is a match for a need unless
- the need is reserved and the supplier lacks every qualifying status (a hard rule):
  L2113-12 ea or esat; L2113-13 siae; L2113-14 (one lot for both) ea, esat or siae;
  L2113-15 ess or esus (an ESUS approval requires being an ESS company; siae, ea, esat or geiq
  alone do not qualify: such structures may be commercial companies outside the ESS);
- or it shares no CPV division with the need and no meaningful word of the need's text.
A supplier whose area does not cover the need's department is NOT excluded: it gets 0 area points
instead of 16 to 30 (a strong penalty) and the reason area:not-covered, since it may still extend
its area or join a grouping.

Score, 0-100 rounded to one decimal, the sum of (then clamped to 0-100):
- CPV: the best pair of codes, by significant digits shared (a code that is an ancestor of the
  other counts by the digits they share): division (2) 20, group (3) 28, class (4) 34,
  category (5) 39, then 42, 44, 45 for 6, 7, 8 digits; nothing shared 0.
- area: the need's department is the supplier's own or listed 30; its region listed 22;
  national 16; not covered 0. A supplier always covers its own department.
- social clause: +10 for an insertion structure (siae or geiq), except under L2113-13 where every
  eligible supplier is one.
- text: 15 x sqrt(share of the need's term weight found in the supplier's text); terms are
  French words folded, stemmed (Snowball), stop words dropped, weighted by IDF over the
  suppliers' texts (see matching_text).
- capacity: -10 when the supplier's capacity is below the need's amount.

Reasons, in this order (the web app turns each into a sentence):
- cpv:division, cpv:group, cpv:class, cpv:category: the deepest CPV level shared. CPV names four
  levels; digits 6-8 refine a category, so a shared finer code is reported as cpv:category (the
  score still rewards it), as the format's example does for 90911200. Absent when only words match.
- area:department, area:region, area:national, area:not-covered.
- reserved:eligible: the need is reserved and the supplier qualifies.
- social-clause:insertion: the need has a social clause and the supplier is siae or geiq
  (not under L2113-13, see above).
- capacity:below-amount: capacity under the need's amount; a hint to form a grouping.
- text:<word>: a shared term, up to 5, heaviest first, written as the need's text first spells
  it, lower-cased with its accents ("text:nettoyage", "text:lycées").

For the web app: build `index = MatchingIndex(suppliers)` once (0.3 s at 20,000 suppliers) and
rebuild it when a supplier changes; then rank_suppliers_for_need(index, need, top),
rank_needs_for_supplier(index, supplier, needs, top) and explain(index, need, supplier) answer in
about a millisecond. All return Match(need, supplier, score, reasons) tuples.
"""
import argparse
import json
import sys
from typing import Any, Iterable, Sequence

from .matching_index import MatchingIndex, paused_gc
from .matching_input import (
    Area, MatchingInputError, Need, Supplier, parse_input, parse_need, parse_supplier,
)
from .matching_score import Match, NeedProfile, evaluate, reasons, supplier_profile

__all__ = [
    "Area", "Match", "MatchingIndex", "MatchingInputError", "Need", "Supplier", "explain", "match_all",
    "matches_to_json", "parse_input", "parse_need", "parse_supplier", "rank_needs_for_supplier",
    "rank_suppliers_for_need", "run",
]

DEFAULT_TOP = 20


def rank_suppliers_for_need(index: MatchingIndex, need: Need, top: int = DEFAULT_TOP) -> list[Match]:
    """The best `top` suppliers of `index` for `need`, best first, equal scores by supplier id."""
    return index.rank(need, top)


def match_all(index: MatchingIndex, needs: Iterable[Need], top: int = DEFAULT_TOP) -> dict[str, list[Match]]:
    """Each need's id -> its best `top` suppliers, in the order of `needs`."""
    return index.rank_many(needs, top)


def rank_needs_for_supplier(index: MatchingIndex, supplier: Supplier, needs: Iterable[Need | NeedProfile],
                            top: int = DEFAULT_TOP) -> list[Match]:
    """The best `top` needs for `supplier`, best first, equal scores by need id.

    Scores and reasons are those that rank_suppliers_for_need gives for the same pair, words
    weighted over the index's suppliers (so `supplier` should be one of them). `needs` may be
    NeedProfile objects from index.need_profile, to weight them once for many suppliers.
    """
    if top <= 0:
        return []
    sp = supplier_profile(supplier)
    found = []
    for need in needs:
        np = need if isinstance(need, NeedProfile) else index.need_profile(need)
        result = evaluate(np, sp)
        if result is not None:
            found.append((-result[0], np.id, np, result))
    found.sort(key=lambda f: (f[0], f[1]))
    return [Match(np.id, sp.id, r[0], reasons(np, sp, r[1], r[2])) for _, _, np, r in found[:top]]


def explain(index: MatchingIndex, need: Need, supplier: Supplier) -> Match | None:
    """The score and reasons of one pair, ranked or not (a shortlisted supplier, say); None if no match."""
    np, sp = index.need_profile(need), supplier_profile(supplier)
    result = evaluate(np, sp)
    return None if result is None else Match(np.id, sp.id, result[0], reasons(np, sp, result[1], result[2]))


def matches_to_json(matches: dict[str, list[Match]]) -> dict[str, Any]:
    """The output document of the format: {"matches": {need id: [{"supplier", "score", "reasons"}]}}."""
    return {"matches": {
        need_id: [{"supplier": m.supplier, "score": m.score, "reasons": list(m.reasons)} for m in found]
        for need_id, found in matches.items()
    }}


def run(data: Any, top: int = DEFAULT_TOP) -> dict[str, Any]:
    """The output document for a decoded input document; raises MatchingInputError when it is malformed."""
    with paused_gc():
        suppliers, needs = parse_input(data)
        return matches_to_json(match_all(MatchingIndex(suppliers), needs, top))


def format_output(output: dict[str, Any]) -> str:
    """The output document as JSON text, one need a line (json's indent is much slower at this size)."""
    lines = [f"  {json.dumps(need_id, ensure_ascii=False)}: {json.dumps(found, ensure_ascii=False)}"
             for need_id, found in output["matches"].items()]
    return '{"matches": {\n' + ",\n".join(lines) + "\n}}\n" if lines else '{"matches": {}}\n'


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return value


def _read(path: str) -> Any:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                raw = f.read()
    except OSError as e:
        raise MatchingInputError(f"{path}: cannot read the file: {e.strerror or e}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MatchingInputError(f"{path}: the file is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise MatchingInputError(f"{path}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise MatchingInputError(f"{path}: invalid JSON: nested too deeply") from None


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: print the matches of INPUT.json; 2 on malformed input or arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m matchfair.engine.matching",
        description="Rank SSE suppliers for each buyer need (format: shared/formats/matching.md).")
    parser.add_argument("input", metavar="INPUT.json", help="the input document; - for standard input")
    parser.add_argument("--top", type=_positive_int, default=DEFAULT_TOP, metavar="K",
                        help=f"suppliers kept per need (default {DEFAULT_TOP})")
    args = parser.parse_args(argv)  # exits with status 2 and a message on bad arguments
    try:
        output = run(_read(args.input), args.top)
    except MatchingInputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    text = format_output(output)
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
