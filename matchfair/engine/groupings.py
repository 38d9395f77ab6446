"""Suggest groupings (consortia) of 2 or 3 complementary SSE suppliers that together answer a need.

Pure Python: no Flask, no SQLAlchemy. The caller scores the candidates with the matching engine;
this module only combines them.

Parts. A need is split into parts: its lots ("lot:1", "lot:2"...) or, when it has no lots, its CPV
divisions ("division:90", "division:45"...): see parts_from_lots and parts_from_divisions. The caller
ranks suppliers for each part with the matching engine (a Need made of the part's CPV codes, the
need's department, the part's amount, the need's reservation and social clause) and gives, for each
candidate, its score per part (GroupingCandidate.scores), its capacity, its statuses and whether its
area covers the need's department.

Rules (suggest_groupings):
- A member covers a part when its score for the part is at least `threshold` (default 50: a shared
  CPV division in the need's department, a shared group in its region, a shared class anywhere in
  France, or better; a supplier that does not cover the place of execution rarely reaches it).
- Hard rules: every part is covered by a member; the members' known capacities add up to the
  amount (the need's amount; else the sum of the parts' amounts when they are all known; no amount
  at all: no capacity rule); an unknown capacity counts for nothing, and the suggestion says so;
  for a reserved need every member is eligible (the statuses of matching_score.ELIGIBLE_STATUSES:
  a grouping answering a reserved contract is made of eligible structures only, whatever the
  scores given); every member covers at least one part (no partner foreign to the need, even
  for its capacity); every member is needed: without it a part would be uncovered or the amount
  not reached (complementary suppliers, no passenger).
- No suggestion at all when one candidate alone covers every part and the amount (or there is
  no amount): a grouping makes no sense then. GroupingResult.reasons says why nothing is suggested.
- The search is bounded: each part's best `per_part` candidates (default 15) and the
  `by_capacity` candidates of largest capacity (default 5), then every pair and every triple of
  that pool; a pair's best possible triple score is bounded first, to skip those that cannot
  enter the top (groupings_search). About 10 ms for 5 lots, 20,000 suppliers ranked by the engine.
- Ranking: coverage of every part is a hard rule, so: the sum over the parts of the best member
  score (higher first), fewer members, more members covering the need's department, then the
  members' ids (deterministic).
- Diversity: a grouping whose parts are covered by the same members as a better one (it only
  swaps the partner that brings capacity) is left out; the search keeps DIVERSITY x `limit`
  groupings to fill the `limit` places with different ones.

Reasons of a suggestion, in this order:
- "<part>:<member>": for each part, the member with the best score ("lot:2:sse-12",
  "division:90:sse-3"); equal scores go to the smaller id.
- "capacity:partner:<member>": a member with the best score on no part, there for its capacity.
- "capacity:covers-amount" (known capacities reach the amount) or "capacity:no-amount".
- "capacity:unknown:<member>": the member's capacity is unknown and was not counted.
- "reserved:eligible:<member>": the need is reserved and the member qualifies (every member does).
- "social-clause:insertion:<member>": the need has a social clause and the member is siae or geiq.
- "divisions:<d1>+<d2>...": the CPV divisions of the parts, when two or more members cover parts
  and the parts span two divisions or more (complementary trades: "divisions:45+90").
- "area:department:<member>": the member covers the need's department.

Reasons of an empty result: "no-parts" (the need has no part), "single-supplier:<id>" (the best
candidate that answers alone), "uncovered:<part>" (no candidate reaches the threshold for it),
"capacity:unreachable" (no pair or triple reaches the amount), "no-combination" (the parts need
more than three members, or no combination keeps every member needed).
"""
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .cpv import prefix as cpv_prefix
from .groupings_search import Pool, search, select_pool
from .matching_index import MatchingIndex
from .matching_input import Need
from .matching_score import ELIGIBLE_STATUSES, INSERTION_STATUSES, evaluate

DEFAULT_THRESHOLD = 50.0
DEFAULT_PER_PART = 15
DEFAULT_BY_CAPACITY = 5
DEFAULT_LIMIT = 5
# The search keeps this many times `limit` groupings, to leave out the variants (see Diversity).
DIVERSITY = 4


@dataclass(frozen=True)
class GroupingPart:
    """A lot or a CPV division of a need: its id ("lot:2", "division:90"), amount, CPV divisions."""

    id: str
    amount_eur: float | None = None
    divisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupingNeed:
    """What the search needs to know of a need: its parts, amount, reservation and social clause."""

    id: str
    parts: tuple[GroupingPart, ...]
    amount_eur: float | None = None
    reserved: str | None = None
    social_clause: bool = False


@dataclass(frozen=True)
class GroupingCandidate:
    """A supplier that may join: its engine score per part id, capacity, statuses, local or not."""

    id: str
    scores: Mapping[str, float]
    capacity_eur: float | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    covers_department: bool = False


@dataclass(frozen=True)
class GroupingSuggestion:
    """A suggested grouping: members (in the order of the parts they cover), who covers each part,
    the sum of the best score per part, the known capacity against the amount, and the reasons."""

    members: tuple[str, ...]
    assignment: tuple[tuple[str, str], ...]
    score: float
    capacity_total: float
    amount_eur: float | None
    unknown_capacity: tuple[str, ...]
    local_members: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class GroupingResult:
    """The suggestions, best first; when there are none, `reasons` says why."""

    suggestions: tuple[GroupingSuggestion, ...]
    reasons: tuple[str, ...] = ()


def parts_from_lots(lots: Iterable[tuple[int | str, Sequence[str], float | None]]) -> tuple[GroupingPart, ...]:
    """Parts "lot:<number>" from (number, CPV codes of 8 digits, amount) triples, in the given order."""
    return tuple(GroupingPart(f"lot:{number}", amount, _divisions(codes)) for number, codes, amount in lots)


def parts_from_divisions(cpv_codes: Iterable[str]) -> tuple[GroupingPart, ...]:
    """Parts "division:<dd>", one per CPV division of the codes, in the order first seen (no amount)."""
    return tuple(GroupingPart(f"division:{d}", None, (d,)) for d in _divisions(cpv_codes))


def division_codes(part: GroupingPart, cpv_codes: Iterable[str]) -> list[str]:
    """The codes among `cpv_codes` that fall in the part's divisions (the CPV codes of a division part)."""
    return [c for c in cpv_codes if c[:2] in part.divisions]


def candidates_from_index(index: MatchingIndex, part_needs: Sequence[tuple[GroupingPart, Need]], *,
                          per_part: int = DEFAULT_PER_PART, extra: Iterable[str] = ()) -> list[GroupingCandidate]:
    """The candidates for a need's parts, scored by the matching engine.

    `part_needs` pairs each part with the engine Need that stands for it (the part's CPV codes, the
    need's department, the part's amount, reservation and social clause). Each part's best
    2 x `per_part` suppliers are found with the index (twice the pool's size, so that a supplier
    that answers alone is likely seen), plus the suppliers of `extra` ids; each is then scored on
    every part (score_candidates). Sorted by id.
    """
    profiles = [index.need_profile(need) for _, need in part_needs]
    found = set(extra)
    for np in profiles:
        found.update(m.supplier for m in index.rank(np, 2 * per_part))
    return score_candidates(index, part_needs, found, profiles)


def score_candidates(index: MatchingIndex, part_needs: Sequence[tuple[GroupingPart, Need]], ids: Iterable[str],
                     profiles: Sequence | None = None) -> list[GroupingCandidate]:
    """The suppliers of `ids` (those in the index) scored by the engine on every part, sorted by id.

    A part where the engine finds no match (an ineligible supplier of a reserved need, no shared
    CPV division nor word) gets no score. `profiles`: the parts' NeedProfiles if already made.
    """
    if profiles is None:
        profiles = [index.need_profile(need) for _, need in part_needs]
    department = part_needs[0][1].department if part_needs else None
    out = []
    for sid in sorted(set(ids)):
        position = index.position.get(sid)
        if position is None:
            continue
        sp, supplier = index.profiles[position], index.suppliers[position]
        scores = {}
        for (part, _), np in zip(part_needs, profiles):
            result = evaluate(np, sp)
            if result is not None:
                scores[part.id] = result[0]
        out.append(GroupingCandidate(sid, scores, supplier.capacity_eur, supplier.statuses,
                                     covers_department=department is not None and department in sp.departments))
    return out


def need_amount(need: GroupingNeed) -> float | None:
    """The amount the members' capacities must reach: the need's, else the sum of its parts' when
    every part has one, else None (no capacity rule)."""
    if need.amount_eur is not None:
        return need.amount_eur
    amounts = [p.amount_eur for p in need.parts]
    if amounts and all(a is not None for a in amounts):
        return float(sum(amounts))
    return None


def is_eligible(reserved: str | None, statuses: Iterable[str]) -> bool:
    """True unless the need is reserved and the statuses have none of the qualifying ones
    (an unknown reservation: nobody qualifies, as in the matching engine)."""
    if reserved is None:
        return True
    return not ELIGIBLE_STATUSES.get(reserved, frozenset()).isdisjoint(statuses)


def _divisions(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cpv_prefix(c)[:2] for c in codes))


def suggest_groupings(need: GroupingNeed, candidates: Iterable[GroupingCandidate], *,
                      threshold: float = DEFAULT_THRESHOLD, per_part: int = DEFAULT_PER_PART,
                      by_capacity: int = DEFAULT_BY_CAPACITY, limit: int = DEFAULT_LIMIT,
                      include: str | None = None) -> GroupingResult:
    """The best `limit` groupings of 2 or 3 candidates for `need` (see the module's rules), or none
    with the reasons why. Candidate ids must be unique; scores of unknown part ids are ignored.

    `include`: only the groupings with this candidate (an SSE company looking for partners); it
    is always in the pool. When it cannot be a member, the reason is "not-eligible:<id>" (reserved
    need) or "covers-nothing:<id>" (below the threshold on every part, or not among the candidates).
    """
    parts = need.parts
    if not parts:
        return GroupingResult((), ("no-parts",))
    amount = need_amount(need)
    full = (1 << len(parts)) - 1
    # Scores in tenths (the engine rounds to one decimal): exact sums, exact ties.
    limit_tenths = max(1, int(round(threshold * 10)))
    bits = {part.id: bit for bit, part in enumerate(parts)}
    eligible = None if need.reserved is None else ELIGIBLE_STATUSES.get(need.reserved, frozenset())
    kept: list[tuple[str, GroupingCandidate, tuple[int, ...], int]] = []
    seen: set[str] = set()
    ineligible: set[str] = set()
    for cand in candidates:
        if cand.id in seen:
            raise ValueError(f"duplicate candidate id {cand.id!r}")
        seen.add(cand.id)
        if eligible is not None and eligible.isdisjoint(cand.statuses):
            ineligible.add(cand.id)
            continue
        vector, mask = [0] * len(parts), 0
        for part_id, score in cand.scores.items():
            bit = bits.get(part_id)
            if bit is not None and (tenths := int(round(score * 10))) >= limit_tenths:
                vector[bit] = tenths
                mask |= 1 << bit
        if mask:
            kept.append((cand.id, cand, tuple(vector), mask))
    if not kept:
        return GroupingResult((), tuple(f"uncovered:{p.id}" for p in parts))
    if include is not None and include not in {k[0] for k in kept}:
        reason = "not-eligible" if include in ineligible else "covers-nothing"
        return GroupingResult((), (f"{reason}:{include}",))

    alone = [k for k in kept if k[3] == full and (amount is None or float(k[1].capacity_eur or 0) >= amount)]
    if alone:
        best = min(alone, key=lambda k: (-sum(k[2]), k[0]))
        return GroupingResult((), (f"single-supplier:{best[0]}",))
    union = 0
    for k in kept:
        union |= k[3]
    if union != full:
        return GroupingResult((), tuple(f"uncovered:{p.id}" for bit, p in enumerate(parts) if not union >> bit & 1))

    pool = select_pool(kept, len(parts), per_part, by_capacity, always=include)
    required = None if include is None else pool.ids.index(include)
    found = search(pool, full, amount, max(0, limit) * DIVERSITY, required)
    if not found:
        total = sum(sorted(pool.caps, reverse=True)[:3])
        reason = "capacity:unreachable" if amount is not None and total < amount else "no-combination"
        return GroupingResult((), (reason,))
    suggestions, seen = [], set()
    for _, members in found:
        suggestion = _suggestion(need, pool, members, amount)
        if suggestion.assignment not in seen and len(suggestions) < limit:
            seen.add(suggestion.assignment)
            suggestions.append(suggestion)
    return GroupingResult(tuple(suggestions))


def _suggestion(need: GroupingNeed, pool: Pool, members: tuple[int, ...], amount: float | None) -> GroupingSuggestion:
    ids, vectors = pool.ids, pool.vectors
    assignment: list[tuple[str, str]] = []
    first_part: dict[int, int] = {}
    total = 0
    for bit, part in enumerate(need.parts):
        # Best score, then the smaller id (members are in id order).
        owner = max(members, key=lambda m: (vectors[m][bit], -m))
        assignment.append((part.id, ids[owner]))
        first_part.setdefault(owner, bit)
        total += vectors[owner][bit]
    ordered = sorted(members, key=lambda m: (first_part.get(m, len(need.parts)), ids[m]))
    member_ids = tuple(ids[m] for m in ordered)
    cands = {ids[m]: pool.cands[m] for m in members}
    capacity = float(sum(pool.caps[m] for m in members))
    unknown = tuple(mid for mid in member_ids if cands[mid].capacity_eur is None)

    reasons = [f"{part_id}:{owner}" for part_id, owner in assignment]
    reasons += [f"capacity:partner:{ids[m]}" for m in ordered if m not in first_part]
    reasons.append("capacity:no-amount" if amount is None else "capacity:covers-amount")
    reasons += [f"capacity:unknown:{mid}" for mid in unknown]
    if need.reserved is not None:
        reasons += [f"reserved:eligible:{mid}" for mid in member_ids]
    if need.social_clause:
        reasons += [f"social-clause:insertion:{mid}" for mid in member_ids
                    if not INSERTION_STATUSES.isdisjoint(cands[mid].statuses)]
    brought = {}
    for part, (_, owner) in zip(need.parts, assignment):
        brought.setdefault(owner, set()).update(part.divisions)
    divisions = sorted(set().union(*brought.values())) if brought else []
    if len(brought) >= 2 and len(divisions) >= 2:
        reasons.append("divisions:" + "+".join(divisions))
    reasons += [f"area:department:{mid}" for mid in member_ids if cands[mid].covers_department]
    return GroupingSuggestion(
        members=member_ids, assignment=tuple(assignment), score=round(total / 10, 1),
        capacity_total=capacity, amount_eur=amount, unknown_capacity=unknown,
        local_members=sum(1 for mid in member_ids if cands[mid].covers_department),
        reasons=tuple(reasons),
    )
