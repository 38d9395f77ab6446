"""What the parts of the demo share while it loads: the random generator, what is already taken,
the organisations made so far (for the parts that come after) and the log-ins to print."""
import random
from collections import Counter
from dataclasses import dataclass, field

from ..organisations.models import Organisation
from ..reference.models import CpvCode
from .identity import SEED


@dataclass(frozen=True)
class Login:
    """A demo account worth trying, printed at the end of `flask demo load`."""

    role: str
    organisation: str
    email: str


@dataclass
class DemoContext:
    password_hash: str
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    # CPV codes by their eight digits, filled by the CPV part (every code the demo uses).
    cpv: dict[str, CpvCode] = field(default_factory=dict)
    emails: set[str] = field(default_factory=set)
    sirets: set[str] = field(default_factory=set)
    # Organisations by demo key ("organiser", "sse:<slug>", "buyer:<slug>"), for later parts
    # (needs, events, meetings) to refer to.
    organisations: dict[str, Organisation] = field(default_factory=dict)
    logins: list[Login] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def rng_for(self, part: str) -> random.Random:
        """A generator of its own for `part`, so that adding a part never changes the others' data."""
        return random.Random(f"{SEED}:{part}")
