"""Small frozen dataclasses shared by every stage of the pipeline.

Nothing here knows about MkDocs; every stage takes and returns these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_TRUST = "the trust"  # the trust_name option's default: no name given


@dataclass(frozen=True)
class Heading:
    """A heading in a source policy, with its level and the line it sits on."""

    title: str
    level: int
    line: int


@dataclass(frozen=True)
class Clause:
    """One normative statement: a list item or one sentence of a paragraph.

    ``text`` is the verbatim wording (markdown emphasis removed, whitespace
    collapsed); ``markup`` keeps the inline markdown for display; ``normalised``
    is the form used for matching only, never shown.
    """

    id: str
    school: str
    section: tuple[str, ...]
    number: str | None
    text: str
    markup: str
    normalised: str
    path: str
    line: int
    kind: str  # "sentence" | "item" | "lead-in"
    order: int
    lead_in: str | None = None  # for list items: the sentence that introduced the list
    block: int = 0  # index of the paragraph or list item the clause comes from, for display
    depth: int = 0  # a list item's nesting: 0 for the list's own items, 1 for a list inside an item, ...

    @property
    def context(self) -> str:
        """Text with its list lead-in, for classification and matching."""
        return f"{self.lead_in} {self.text}" if self.lead_in else self.text


@dataclass(frozen=True)
class Policy:
    """One school's policy: front matter plus its clauses in source order."""

    id: str
    school: str
    title: str
    path: str
    clauses: tuple[Clause, ...]
    headings: tuple[Heading, ...] = ()
    adopted: str | None = None
    reviewed: str | None = None
    next_review: str | None = None
    imported_from: str | None = None
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # every form of the school's name the text may use, longest first
    review_months: int | None = None
    warnings: tuple[str, ...] = ()
    source_hash: str = ""


@dataclass(frozen=True)
class Topic:
    """An entry of the topic taxonomy."""

    id: str
    title: str
    description: str
    order: int
    terms: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    off_topic: bool = False


@dataclass(frozen=True)
class Row:
    """Clauses from different schools that express the same obligation."""

    id: str
    topic: str
    reference: str  # reference wording, school name as a placeholder
    reference_clause: str  # id of the clause the reference wording comes from
    clauses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # school id -> clause ids
    aliases: tuple[str, ...] = ()  # ids the row had, or would have, with another member as reference

    @property
    def schools(self) -> tuple[str, ...]:
        return tuple(sorted(self.clauses))


@dataclass(frozen=True)
class Alignment:
    """The result of aligning all policies: topics, rows and clause placements."""

    policies: tuple[Policy, ...]
    topics: tuple[Topic, ...]
    rows: tuple[Row, ...]
    clause_topic: dict[str, str]  # clause id -> topic id
    clause_row: dict[str, str]  # clause id -> row id
    excluded: frozenset[str] = frozenset()  # clause ids excluded from the model policy
    warnings: tuple[str, ...] = ()

    def __getstate__(self) -> dict[str, object]:
        """Its fields without the indexes worked out from them (``_clause_index``, ...): a pickle
        (the cache) is the same whichever of them were asked for before it was written."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def clause(self, clause_id: str) -> Clause:
        return self.clause_index[clause_id]

    @property
    def clause_index(self) -> dict[str, Clause]:
        cached = self.__dict__.get("_clause_index")
        if cached is None:
            cached = {c.id: c for p in self.policies for c in p.clauses}
            object.__setattr__(self, "_clause_index", cached)
        return cached

    @property
    def off_topic_ids(self) -> frozenset[str]:
        """Ids of the topics that flag content as not about the policy's subject (``other``)."""
        return frozenset(t.id for t in self.topics if t.off_topic)

    def row(self, row_id: str) -> Row | None:
        """The row with this id, or the one row that has it as an alias (its id before a school joined)."""
        index = self.__dict__.get("_row_index")
        if index is None:
            # an id is "<topic>-<hash of a member's wording>": when a new school changes a row's
            # reference, or moves it to another topic, the wording it was named by is still a member
            candidates: dict[str, set[str]] = {}
            for row in self.rows:
                for alias in (row.id, *row.aliases):
                    candidates.setdefault(alias, set()).add(row.id)
                    candidates.setdefault("#" + alias.rstrip("x").rsplit("-", 1)[-1], set()).add(row.id)
            by_id = {row.id: row for row in self.rows}
            index = {alias: by_id[next(iter(ids))] for alias, ids in candidates.items() if len(ids) == 1}
            index.update(by_id)
            object.__setattr__(self, "_row_index", index)
        return index.get(row_id) or index.get("#" + row_id.rstrip("x").rsplit("-", 1)[-1])

    def rows_for(self, topic_id: str) -> tuple[Row, ...]:
        """The topic's rows, in order (indexed once: pages ask for every topic many times)."""
        index = self.__dict__.get("_rows_by_topic")
        if index is None:
            grouped: dict[str, list[Row]] = {}
            for row in self.rows:
                grouped.setdefault(row.topic, []).append(row)
            index = {topic: tuple(rows) for topic, rows in grouped.items()}
            object.__setattr__(self, "_rows_by_topic", index)
        return index.get(topic_id, ())


@dataclass(frozen=True)
class AlignSettings:
    """Tunable knobs; the defaults were chosen on the labelled seeds (see docs)."""

    row_threshold: float = 0.4  # a mutual best match at least this similar starts a row
    copy_threshold: float = 0.6  # a pair this similar starts a row without being mutual best
    link_threshold: float = 0.43  # two groups join when their clauses from two schools are this similar on average
    link_floor: float = 0.3  # ... and every such pair at least this similar
    semantic_weight: float = 0.5  # share of sentence-embedding cosine in the similarity (0: lexical only)
    semantic_candidates: int = 10  # wordings each wording finds closest in another school, to be embedded (0: embed all)
    text_weight: float = 1.0
    heading_weight: float = 3.0
    neighbour_weight: float = 0.4
    heading_strength: float = 4.0
    parent_heading_decay: float = 0.5
    lead_in_weight: float = 1.0
    topic_margin: float = 3.0
    topic_candidates: int = 2
    topic_ratio: float = 0.4
    near_duplicate: float = 0.6
    cross_topic_threshold: float = 0.5  # mutual best matches this similar may meet across topics
    example_weight: float = 4.0
    role_penalty: float = 0.55
    char_ngrams: bool = True
    overlap: bool = True
    item_neighbour_weight: float = 0.05
    statute_damping: float = 0.1
    scope_damping: float = 0.0

