"""Generate a synthetic multi-academy trust of N schools from the five real seed policies.

Each synthetic policy starts from one real policy, borrows sections and paragraphs from
the others, drops some paragraphs, reorders some sections, paraphrases some sentences
with a fixed substitution list, gets a new school name and its own clause numbering.
The result is a complete MkDocs project (``mkdocs.yml``, ``docs/``, ``source_policies/``)
for benchmarking the plugin. The same ``n`` and ``seed`` give the same files, byte for
byte; school ``i`` depends only on the seed and on schools before it, so a trust of 20 is
the trust of 5 plus 15 more schools.

It does not claim the synthetic policies are good policies: they are realistic in size,
structure and wording variation, which is what the benchmark needs.

    python scripts/make_trust.py 100 [--out DIR] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "source_policies"

# Tokens that stand for the synthetic school's name in the parsed seed texts.
FULL, FULL_UPPER, PLACE, PLACE_UPPER = "\x01F\x01", "\x01G\x01", "\x01P\x01", "\x01Q\x01"

# Place names: every prefix with every suffix (22 x 14 = 308 places), then with a second word.
PLACE_PREFIXES = (
    "Ash", "Brook", "Castle", "Dun", "Elm", "Fair", "Glen", "Hazel", "Kings", "Lang", "Marsh",
    "North", "Oak", "Pen", "Queens", "Red", "Stan", "Thorn", "Up", "West", "Willow", "Wood",
)
PLACE_SUFFIXES = ("by", "field", "ford", "ham", "ley", "ton", "wick", "worth", "bury", "dale", "gate", "hurst", "mere", "stead")
PLACE_SECOND_WORDS = ("Green", "Park", "Vale", "Hill", "Bridge", "Common")
SAINTS = ("Mary's", "Peter's", "John's", "Andrew's", "Michael's", "Hilda's", "Aidan's", "Cuthbert's")

# School name patterns; {place} and {saint} are filled in. `alias` says whether the place
# alone must be declared as an alias (the plugin derives short names only by dropping
# generic words from the end, which cannot reach the place in "Ashby St Mary's ...").
SCHOOL_KINDS: tuple[tuple[str, bool], ...] = (
    ("{place} Primary School", False),
    ("{place} Primary School", False),
    ("{place} Primary School", False),
    ("{place} Junior School", False),
    ("{place} Infant School", False),
    ("{place} Church of England Primary School", False),
    ("{place} Community Primary School", False),
    ("{place} Primary Academy", False),
    ("{place} Academy", False),
    ("{place} St {saint} CE (VA) Primary School", True),
    ("{place} St {saint} Catholic Primary School", True),
)

TITLES = (
    "{school} social networking policy",
    "{school} social media policy",
    "Social Networking Policy",
    "Social Media Policy",
    "E-safety & Social Networking Policy",
    "Online Safety and Social Media Policy",
)

# Seeded paraphrases, applied in this order to some blocks. Case of the first letter (and
# all-capitals) is kept. Longer phrases come first so that they win over their parts.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    (r"\bsocial networking sites\b", "social media sites"),
    (r"\bsocial networking\b", "social media"),
    (r"\bmust not\b", "should not"),
    (r"\bmust never\b", "should never"),
    (r"\bare not permitted to\b", "may not"),
    (r"\bprohibited\b", "not permitted"),
    (r"\ball members of staff\b", "all employees"),
    (r"\bmembers of staff\b", "employees"),
    (r"\bstaff\b(?![- ](?:member|room))", "employees"),
    (r"\bpupils\b", "children"),
    (r"\bpupil\b", "child"),
    (r"\bHeadteacher\b", "Head Teacher"),
    (r"\bHead [Tt]eacher\b", "Headteacher"),
    (r"\bparents and carers\b", "parents/carers"),
    (r"\bgoverning body\b", "governing board"),
    (r"\bwebsites\b", "web sites"),
    (r"\bdisciplinary action\b", "disciplinary proceedings"),
    (r"\bensure\b", "make sure"),
    (r"\binappropriate\b", "unsuitable"),
    (r"\bcolleagues\b", "co-workers"),
    (r"\bimages\b", "photographs"),
    (r"\bon-line\b", "online"),
    (r"\bonline\b", "on-line"),
    (r"\be-mail\b", "email"),
    (r"\bcyber-bullying\b", "cyberbullying"),
    (r"\bmobile phones\b", "mobiles"),
    (r"\bwhilst\b", "while"),
    (r"\bschool premises\b", "school site"),
)
_SUBSTITUTIONS = tuple((re.compile(p, re.IGNORECASE), r) for p, r in SUBSTITUTIONS)
# Legislation is cited by title; paraphrasing a block that names an Act could corrupt the citation.
_LEGAL = re.compile(r"\b(?:act|acts|regulations?|convention)\b", re.IGNORECASE)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_PARA_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)\s+")
_HEADING_NUMBER = re.compile(r"^(?:Section\s+\d+\s*:\s*|\d+(?:\.\d+)*\.?\s+|[A-Z]\.\s+)")


@dataclass(frozen=True)
class Block:
    """A paragraph or list item of a seed policy, with school names as tokens."""

    kind: str  # "para" or "item"
    text: str  # without list marker or clause number
    number: str | None = None


@dataclass
class Section:
    """A heading (none for text before the first heading) and the blocks under it."""

    level: int
    heading: str | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def substantive(self) -> bool:
        """Policy text rather than a title block, signature line or empty heading."""
        return any(len(b.text.split()) >= 6 for b in self.blocks)


@dataclass(frozen=True)
class Seed:
    """One real policy split into masthead, body and closing sections."""

    id: str
    head: list[Section]  # leading title / motto / date sections, kept in place
    body: list[Section]  # the policy proper: borrowed from, reordered, numbered
    tail: list[Section]  # trailing signatures and dates
    reviewed: str | None


def _tokenise_names(text: str, school: str) -> str:
    """Replace a seed school's full name and short forms by name tokens."""
    stem = school.removesuffix(" Primary School")
    text = text.replace(school, FULL).replace(school.upper(), FULL_UPPER)
    if stem != school and " " not in stem:
        text = re.sub(rf"\b{re.escape(stem)}\b", PLACE, text)
        text = re.sub(rf"\b{re.escape(stem.upper())}\b", PLACE_UPPER, text)
    return text


def parse_seed(path: Path) -> Seed:
    """Split one source policy into sections of blocks."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    body = _tokenise_names(body, str(meta["school"]))
    sections = [Section(level=0, heading=None)]
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            number = None
            if match := _PARA_NUMBER.match(joined):
                number, joined = match[1], joined[match.end():]
            sections[-1].blocks.append(Block("para", joined, number))
            paragraph.clear()

    for raw in body.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif heading := _HEADING.match(line):
            flush()
            sections.append(Section(level=len(heading[1]), heading=heading[2]))
        elif item := _ITEM.match(line):
            flush()
            sections[-1].blocks.append(Block("item", item[1]))
        else:
            paragraph.append(line.strip())
    flush()
    sections = [s for s in sections if s.heading is not None or s.blocks]
    # the masthead ends at the first substantive section; the closing starts after the last one
    first = next(i for i, s in enumerate(sections) if s.substantive)
    while first > 0 and not sections[first - 1].blocks and 0 < sections[first - 1].level < sections[first].level:
        first -= 1  # an empty parent heading ("Section 1: Introduction") belongs to the body
    last = max(i for i, s in enumerate(sections) if s.substantive)
    reviewed = meta.get("reviewed")
    return Seed(
        id=str(meta["id"]), head=sections[:first], body=sections[first : last + 1], tail=sections[last + 1 :],
        reviewed=str(reviewed) if reviewed else None,
    )


def load_seeds(directory: Path = SOURCES) -> list[Seed]:
    """The real policies, sorted by id so that file order never matters."""
    return sorted((parse_seed(p) for p in directory.glob("*.md")), key=lambda s: s.id)


def _keep_case(found: str, replacement: str) -> str:
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def paraphrase(text: str, rng: random.Random) -> str:
    """Apply a random subset of the substitution list to one block."""
    if _LEGAL.search(text):
        return text
    for pattern, replacement in _SUBSTITUTIONS:
        if rng.random() < 0.6:
            text = pattern.sub(lambda m: _keep_case(m[0], replacement), text)
    return text


def _chunks(sections: list[Section]) -> list[list[Section]]:
    """Sections grouped under their top-level heading (a section and its sub-sections)."""
    if not sections:
        return []
    top = min(s.level for s in sections if s.heading is not None) if any(s.heading for s in sections) else 0
    chunks: list[list[Section]] = []
    for section in sections:
        if not chunks or section.level <= top:
            chunks.append([section])
        else:
            chunks[-1].append(section)
    return chunks


@dataclass(frozen=True)
class SchoolName:
    name: str
    place: str
    id: str
    aliases: tuple[str, ...]


def school_name(rng: random.Random, used: set[str]) -> SchoolName:
    """A new school name whose place (and so id) is not yet used in the trust."""
    places = [p + s for p in PLACE_PREFIXES for s in PLACE_SUFFIXES]
    free = [p for p in places if p not in used]
    if not free:
        free = [f"{p} {w}" for w in PLACE_SECOND_WORDS for p in places if f"{p} {w}" not in used]
    if not free:
        raise ValueError(f"make_trust: more than {len(used)} schools is beyond the name lists")
    place = rng.choice(free)
    used.add(place)
    pattern, needs_alias = rng.choice(SCHOOL_KINDS)
    name = pattern.format(place=place, saint=rng.choice(SAINTS))
    slug = re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")
    return SchoolName(name=name, place=place, id=slug, aliases=(place,) if needs_alias else ())


def _fill_names(text: str, school: SchoolName) -> str:
    return (
        text.replace(FULL, school.name).replace(FULL_UPPER, school.name.upper())
        .replace(PLACE, school.place).replace(PLACE_UPPER, school.place.upper())
    )


def _number_sections(sections: list[Section], mode: str) -> list[Section]:
    """Keep, strip or renumber clause numbers (1.2.3) and numbered headings (Section 2:, 2.1)."""
    if mode == "keep":
        return sections
    out: list[Section] = []
    levels = sorted({s.level for s in sections if s.heading is not None})
    counters = [0, 0]
    paragraph = 0
    for section in sections:
        heading = _HEADING_NUMBER.sub("", section.heading) if section.heading else section.heading
        depth = levels.index(section.level) if section.heading is not None else -1
        if mode == "renumber" and heading is not None and depth in (0, 1):
            counters[depth] += 1
            if depth == 0:
                counters[1] = 0
            paragraph = 0
            prefix = f"{counters[0]}." if depth == 0 else f"{counters[0]}.{counters[1]}"
            heading = f"{prefix} {heading}"
        blocks = []
        for block in section.blocks:
            number = None
            if mode == "renumber" and block.kind == "para" and counters[0]:
                paragraph += 1
                number = ".".join(str(c) for c in (counters[0], counters[1], paragraph) if c)
            blocks.append(replace(block, number=number))
        out.append(Section(section.level, heading, blocks))
    return out


def make_policy(seeds: list[Seed], index: int, seed: int, used: set[str]) -> tuple[SchoolName, str]:
    """The source markdown of synthetic school ``index``."""
    rng = random.Random(seed * 100003 + index)
    school = school_name(rng, used)
    base = seeds[rng.randrange(len(seeds))]
    others = [s for s in seeds if s.id != base.id]
    body = [Section(s.level, s.heading, list(s.blocks)) for s in base.body]

    # recombine: whole sections and single paragraphs from the other schools
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        donor = rng.choice(others)
        borrowed = rng.choice([s for s in donor.body if s.substantive])
        position = rng.randint(1, len(body))
        level = body[position - 1].level or 2
        body.insert(position, Section(level, borrowed.heading or "Further guidance", list(borrowed.blocks)))
    for section in body:
        if rng.random() < 0.15:
            donor_section = rng.choice([s for s in rng.choice(others).body if s.substantive])
            paras = [b for b in donor_section.blocks if b.kind == "para" and len(b.text.split()) >= 6]
            for block in rng.sample(paras, min(len(paras), rng.randint(1, 2))):
                # never between a lead-in ("... must:") and its list, nor inside a list
                places = [
                    i for i in range(len(section.blocks) + 1)
                    if i == len(section.blocks) or section.blocks[i].kind != "item"
                    if i == 0 or not section.blocks[i - 1].text.rstrip().endswith(":")
                ]
                section.blocks.insert(rng.choice(places or [len(section.blocks)]), block)

    # drop 10-20% of paragraphs and items; sections left empty go too
    rate = rng.uniform(0.10, 0.20)
    kept: list[Section] = []
    for section in body:
        blocks = [b for b in section.blocks if rng.random() >= rate]
        if blocks or not section.blocks:
            kept.append(Section(section.level, section.heading, blocks))
    body = kept if any(s.blocks for s in kept) else body[:1]

    # reorder some top-level chunks (a section with its sub-sections); text before the first heading stays first
    preamble = [s for s in body[:1] if s.heading is None]
    chunks = _chunks(body[len(preamble):])
    if len(chunks) > 2 and rng.random() < 0.6:
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(chunks) - 1)
            chunks[i], chunks[i + 1] = chunks[i + 1], chunks[i]
    body = preamble + [s for chunk in chunks for s in chunk]

    # paraphrase some blocks
    share = rng.uniform(0.2, 0.4)
    for section in body:
        section.blocks = [
            replace(b, text=paraphrase(b.text, rng)) if rng.random() < share else b for b in section.blocks
        ]

    mode = rng.choice(("keep", "strip", "renumber", "renumber"))
    body = _number_sections(body, mode)
    sections = [*base.head, *body, *base.tail]

    lines: list[str] = []
    for section in sections:
        if section.heading is not None:
            lines += [f"{'#' * section.level} {section.heading}", ""]
        previous = None
        for block in section.blocks:
            if previous == "item" and block.kind != "item":
                lines.append("")
            if block.kind == "item":
                lines.append(f"- {block.text}")
            else:
                lines += [f"{block.number} {block.text}" if block.number else block.text, ""]
            previous = block.kind
        if previous == "item":
            lines.append("")
    text = _fill_names("\n".join(lines).rstrip() + "\n", school)

    title = rng.choice(TITLES).format(school=school.name)
    meta: dict[str, object] = {"school": school.name, "id": school.id, "title": title}
    if school.aliases:
        meta["aliases"] = list(school.aliases)
    if base.reviewed:
        meta["reviewed"] = base.reviewed  # the body's own date lines come from the base policy
    elif rng.random() < 0.6:
        meta["reviewed"] = f"{rng.randint(2017, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.3:
        meta["adopted"] = f"{rng.randint(2012, 2016)}-{rng.randint(1, 12):02d}"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return school, f"---\n{front}---\n\n{text}"


def _project_config(n: int, seed: int) -> str:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = f"Synthetic trust of {n} schools (seed {seed})"
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "policy_compare" in entry:
            options = entry["policy_compare"] or {}
            options.update(
                sources="source_policies",
                topics="source_policies/topics.yml",
                overrides="source_policies/overrides.yml",
                curation="source_policies/curation.yml",
                normalisation="source_policies/normalisation.yml",
                trust_name=f"Synthetic Trust {seed}",
                pdf="never",  # Chromium printing is not what the benchmark measures
                cache_dir=".policy_compare_cache",  # relative to mkdocs.yml: inside the project
            )
            entry["policy_compare"] = options
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)


def _curation() -> str:
    """The repository's curation with its row references emptied: they name real schools' rows."""
    path = SOURCES / "curation.yml"
    curation = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    for key, empty in (("essential", []), ("choose", {}), ("replace", {}), ("drop", []), ("add", []), ("order", {})):
        if key in curation:
            curation[key] = empty
    return yaml.safe_dump(curation, sort_keys=False, allow_unicode=True)


def make_trust(n: int, out_dir: Path, seed: int = 0) -> Path:
    """Write a project with ``n`` synthetic schools into ``out_dir`` (created); return it."""
    if n < 1:
        raise ValueError("a trust needs at least one school")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "mkdocs.yml").write_text(_project_config(n, seed), encoding="utf-8")
    if (out_dir / "docs").exists():
        shutil.rmtree(out_dir / "docs")
    shutil.copytree(REPO / "docs", out_dir / "docs")
    if (out_dir / "overrides").exists():
        shutil.rmtree(out_dir / "overrides")
    shutil.copytree(REPO / "overrides", out_dir / "overrides")  # the theme's custom_dir (mkdocs.yml)
    sources = out_dir / "source_policies"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir()
    for name in ("topics.yml", "normalisation.yml"):
        shutil.copyfile(SOURCES / name, sources / name)
    (sources / "overrides.yml").write_text("move: []\njoin: []\nsplit: []\nexclude: []\n", encoding="utf-8")
    (sources / "curation.yml").write_text(_curation(), encoding="utf-8")
    seeds = load_seeds()
    used: set[str] = set()
    for index in range(n):
        school, text = make_policy(seeds, index, seed, used)
        (sources / f"{school.id}.md").write_text(text, encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of schools")
    parser.add_argument("--out", type=Path, help="project directory (default: a new temporary directory)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"trust-{args.n}-"))
    print(make_trust(args.n, out, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
