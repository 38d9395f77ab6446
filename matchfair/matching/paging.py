"""A page of an already computed list, with the attributes macros.pagination() reads."""
import math
from dataclasses import dataclass
from typing import Iterator, Sequence


@dataclass
class ListPage:
    """Page `page` (from 1) of `items`, `per_page` at a time; like Flask-SQLAlchemy's Pagination."""

    all_items: Sequence
    page: int
    per_page: int

    def __post_init__(self) -> None:
        self.page = max(1, self.page)

    @property
    def total(self) -> int:
        return len(self.all_items)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def items(self) -> list:
        start = (self.page - 1) * self.per_page
        return list(self.all_items[start:start + self.per_page])

    @property
    def first(self) -> int:
        """The rank (from 1) of the page's first item."""
        return (self.page - 1) * self.per_page + 1

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    def iter_pages(self, left_edge: int = 2, left_current: int = 2, right_current: int = 4,
                   right_edge: int = 2) -> Iterator[int | None]:
        """Page numbers to link, None for a gap (as Flask-SQLAlchemy yields them)."""
        last = 0
        for num in range(1, self.pages + 1):
            if (num <= left_edge or self.page - left_current <= num <= self.page + right_current
                    or num > self.pages - right_edge):
                if last + 1 != num:
                    yield None
                yield num
                last = num
