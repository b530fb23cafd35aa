"""The importer: structure recovered from messy text, every word kept, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from policy_compare.cli import main
from policy_compare.errors import PolicyError
from policy_compare.importer import import_policy, structure
from policy_compare.normalise import DEFAULT_RULES, load_rules, plain_text
from policy_compare.parse import parse_policy, split_sentences
from policy_compare.pipeline import DEFAULT_TOPICS, Inputs
from policy_compare.validate import validate_project

from .conftest import SEED_SCHOOLS, SEEDS, SOURCES

RULES = load_rules()
_MARKERS = re.compile(r"^\s*(?:[\u00b7\u2022\u25cf\u25aa\u2013*+-]|\d+(?:\.\d+)*\.?|#+)(?=\s|$)")


def words(text: str) -> list[str]:
    """Words of a text with markup, bullets and clause numbers removed."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.replace("\\", "")
        previous = None
        while previous != line:
            previous = line
            line = _MARKERS.sub("", line).strip()
        line = line.replace("**", "")
        out.extend(w for w in line.split() if w not in ("\u00b7", "\u2022", "-"))
    return out


def seed_sentences(text: str) -> list[str]:
    result = []
    for line in text.splitlines():
        line = plain_text(line.replace("\t", " "))
        previous = None
        while previous != line:
            previous = line
            line = _MARKERS.sub("", line).strip()
        if not line:
            continue
        result.extend(re.sub(r"\s+", " ", line[a:b]).strip() for a, b in split_sentences(line))
    return [s for s in result if s]


def body_of(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


@pytest.mark.parametrize("seed", sorted(SEED_SCHOOLS))
def test_committed_import_matches_the_importer(seed: str) -> None:
    """source_policies/ holds exactly what the importer makes of each seed (no hand edits)."""
    school_id = SEED_SCHOOLS[seed]
    committed = (SOURCES / f"{school_id}.md").read_text(encoding="utf-8")
    school = re.search(r"^school: (.*)$", committed, re.M)
    assert school
    _, fresh = import_policy(SEEDS / seed, school.group(1).strip("'\""), school_id)
    assert fresh == committed


@pytest.mark.parametrize("seed", sorted(SEED_SCHOOLS))
def test_import_keeps_every_word_in_order(seed: str) -> None:
    school_id = SEED_SCHOOLS[seed]
    imported = body_of((SOURCES / f"{school_id}.md").read_text(encoding="utf-8"))
    assert words(imported) == words((SEEDS / seed).read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", sorted(SEED_SCHOOLS))
def test_every_seed_sentence_is_in_a_clause_or_heading(seed: str) -> None:
    school_id = SEED_SCHOOLS[seed]
    policy = parse_policy(SOURCES / f"{school_id}.md", RULES)
    clause_texts = [c.text for c in policy.clauses]
    headings = [h.title for h in policy.headings]
    missing = []
    for sentence in seed_sentences((SEEDS / seed).read_text(encoding="utf-8")):
        if not any(sentence in text for text in clause_texts) and not any(sentence in h for h in headings):
            missing.append(sentence)
    assert missing == []
    # and sentences are not glued together: most clauses are a single seed sentence or item
    assert len(policy.clauses) >= 0.8 * len([s for s in seed_sentences((SEEDS / seed).read_text()) if s[-1:] in ".;:"])


def test_structure_recovers_headings_items_and_clause_numbers() -> None:
    lines = [
        "Section 2: Safer practice",
        "2.3 Safer online behaviour",
        "2.3.1",
        "Managing personal information well makes misuse less likely.",
        "A. The use of social networking sites by pupils",
        "Key Principles:",
        "Everyone has a responsibility to protect the school.",
        "Guidelines are issued to staff:",
        "\u00b7 Staff must never add pupils as \u2018friends\u2019.",
        "\u2022",
        "Staff should review their **privacy** settings.",
        "- Another item\twith a tab",
        "* A star item",
        "1. First numbered item.",
        "Position: Chair of Governors",
    ]
    blocks = structure(lines)
    kinds = [(b.kind, b.text, b.number) for b in blocks]
    assert kinds == [
        ("heading", "Section 2: Safer practice", None),
        ("heading", "Safer online behaviour", "2.3"),
        ("para", "Managing personal information well makes misuse less likely.", "2.3.1"),
        ("heading", "A. The use of social networking sites by pupils", None),
        ("heading", "Key Principles:", None),
        ("para", "Everyone has a responsibility to protect the school.", None),
        ("para", "Guidelines are issued to staff:", None),
        ("item", "Staff must never add pupils as \u2018friends\u2019.", None),
        ("item", "Staff should review their **privacy** settings.", None),
        ("item", "Another item with a tab", None),
        ("item", "A star item", None),
        ("item", "First numbered item.", "1"),
        ("para", "Position: Chair of Governors", None),
    ]


def test_import_writes_front_matter_with_dates(tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(
        "OAKFIELD PRIMARY SCHOOL\n\nSocial Media Policy\n\nThis policy was updated on\n\nOn: 23rd November 2021\n\n"
        "Staff must not post about pupils.\n",
        encoding="utf-8",
    )
    slug, markdown = import_policy(source, "Oakfield Primary School")
    assert slug == "oakfield"  # the name's distinctive words, as when the name is found in the text
    assert markdown.startswith("---\nschool: Oakfield Primary School\nid: oakfield\ntitle: Social Media Policy\n")
    assert "reviewed: '2021-11-23'" in markdown or "reviewed: 2021-11-23" in markdown
    assert "imported_from: policy.txt" in markdown


def test_import_docx_keeps_headings_lists_and_bold(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Oakfield Social Media Policy", level=1)
    document.add_heading("Contact with pupils", level=2)
    paragraph = document.add_paragraph("Staff ")
    paragraph.add_run("must never").bold = True
    paragraph.add_run(" add pupils as friends. They should report requests.")
    document.add_paragraph("Keep phones locked away", style="List Bullet")
    document.add_paragraph("Never share passwords", style="List Bullet")
    path = tmp_path / "oakfield.docx"
    document.save(str(path))
    slug, markdown = import_policy(path, "Oakfield Primary School", "oakfield")
    body = body_of(markdown)
    assert "# Oakfield Social Media Policy" in body
    assert "## Contact with pupils" in body
    assert "Staff **must never** add pupils as friends. They should report requests." in body
    assert "- Keep phones locked away\n- Never share passwords" in body
    out = tmp_path / "source_policies"
    out.mkdir()
    (out / f"{slug}.md").write_text(markdown, encoding="utf-8")
    policy = parse_policy(out / f"{slug}.md", RULES)
    assert [c.text for c in policy.clauses] == [
        "Staff must never add pupils as friends.",
        "They should report requests.",
        "Keep phones locked away",
        "Never share passwords",
    ]


def test_import_md_keeps_its_front_matter(tmp_path: Path) -> None:
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: Our policy\nnext_review: 2026-09-01\n---\n# Heading\n\nA rule.\nwrapped here.\n", encoding="utf-8")
    _, markdown = import_policy(source, "Oakfield School", "oakfield")
    assert "title: Our policy" in markdown and "next_review: '2026-09-01'" in markdown
    assert "A rule. wrapped here." in markdown


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.rtf", b"{\\rtf1", "unsupported file type .rtf"),
        ("policy.pdf", b"%PDF-1.4", "cannot read this PDF"),
        ("policy.pdf", b"<html>", "not a PDF file"),
        ("policy.odt", b"not a zip", "not an OpenDocument .odt"),
        ("policy.txt", b"\x00\x01binary", "binary"),
        ("policy.txt", "R\u00e8gles".encode("cp1252"), "not UTF-8"),
        ("policy.docx", b"not a zip", "not a Word .docx"),
        ("policy.txt", b"   \n\n", "no text found"),
    ],
)
def test_import_refuses_bad_files_clearly(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PolicyError, match=re.escape(message)):
        import_policy(path, "Oakfield School")


def test_cli_import_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "source_policies"
    for seed, school_id in SEED_SCHOOLS.items():
        assert main(["import", str(SEEDS / seed), "--school", f"{school_id.title()} School", "--id", school_id, "--sources", str(sources)]) == 0
    assert main(["import", str(SEEDS / seed), "--school", "X", "--id", school_id, "--sources", str(sources)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["check", "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert "5 schools" in out
    for school_id in SEED_SCHOOLS.values():
        assert re.search(rf"^{school_id}\s+\d+\s+\d+\s+\d+$", out, re.M)


def test_cli_errors_have_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sources", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-compare: error:") and "Traceback" not in err


def test_seed_copies_are_the_shared_seeds() -> None:
    """tests/seeds is a byte-for-byte copy of the project's shared seed folder, where it exists."""
    from .conftest import SHARED_SEEDS

    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"no shared seed folder at {SHARED_SEEDS} to compare with")
    ours = sorted(p.name for p in SEEDS.iterdir())
    assert ours == sorted(p.name for p in SHARED_SEEDS.iterdir())
    for name in ours:
        assert (SEEDS / name).read_bytes() == (SHARED_SEEDS / name).read_bytes(), name


def test_import_force_keeps_a_backup_the_build_ignores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "source_policies"
    seed = SEEDS / "002_396ee2cd10b1c05c.txt"
    assert main(["import", str(seed), "--school", "Cambois Primary School", "--id", "cambois", "--sources", str(sources)]) == 0
    first = (sources / "cambois.md").read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("Social networking policy\n\nStaff must not use phones in class.\n", encoding="utf-8")
    assert main(["import", str(other), "--school", "Cambois Primary School", "--id", "cambois", "--sources", str(sources), "--force"]) == 0
    assert "kept the old cambois.md as" in capsys.readouterr().out
    assert (sources / "cambois.md.bak").read_bytes() == first
    assert b"Staff must not use phones in class." in (sources / "cambois.md").read_bytes()
    inputs = Inputs(root=tmp_path, sources=sources, topics=DEFAULT_TOPICS, overrides=None, rules=DEFAULT_RULES)
    assert validate_project(inputs) == []


def test_import_refuses_a_file_holding_only_a_title(tmp_path: Path) -> None:
    word = tmp_path / "title-only.docx"
    document = docx.Document()
    document.add_heading("Social Networking Policy", 1)
    document.save(str(word))
    text = tmp_path / "title-only.md"
    text.write_text("# Social Networking Policy\n\n## Contents\n", encoding="utf-8")
    for path in (word, text):
        with pytest.raises(PolicyError, match=r"has headings only \('Social Networking Policy.*no policy text; is this the right file"):
            import_policy(path, "Oakfield School")


def test_a_sentence_starting_part_of_is_not_a_section_heading() -> None:
    blocks = structure(["Part of the Teesmoor Learning Partnership. Approved by the Local Governing Body: 14 September 2022.",
                        "", "Part 2: Staff conduct", "", "Staff must not post about pupils."])
    assert [b.kind for b in blocks] == ["para", "heading", "para"]


def test_a_line_wholly_in_bold_with_no_sentence_is_a_heading() -> None:
    blocks = structure(["**Social Media and Online Conduct Policy**", "", "**Staff must not post about pupils.**", "",
                        "Staff must not post about pupils."])
    assert [(b.kind, b.text) for b in blocks][:2] == [("heading", "Social Media and Online Conduct Policy"),
                                                      ("para", "**Staff must not post about pupils.**")]


def test_a_sentence_broken_across_two_lines_is_one_paragraph() -> None:
    # a line that stops mid-sentence, and a next line that goes on in lower case (as a PDF's text often is)
    blocks = structure(["In addition the national guidance for adults who work with children and young people, a document that",
                        " provides safeguarding guidance, should be read.",
                        "Staff must follow it.", "staff should ask if unsure.",
                        "- Staff must not accept friend requests from", "pupils or their parents."])
    assert [(b.kind, b.text) for b in blocks] == [
        ("para", "In addition the national guidance for adults who work with children and young people, a document that "
                 "provides safeguarding guidance, should be read."),
        ("para", "Staff must follow it."),
        ("para", "staff should ask if unsure."),  # the line before ended its sentence
        ("item", "Staff must not accept friend requests from pupils or their parents."),
    ]


def test_a_numbered_title_in_capitals_with_a_colon_is_a_heading() -> None:
    # a section title quoting a rule is no "Label: value" field (fresh5's Northgate: 7. PUPILS' ... "NOT SEEN, NOT HEARD")
    blocks = structure(["7. PUPILS' MOBILE TELEPHONES: \"NOT SEEN, NOT HEARD\"", "",
                        "7.1 Pupils may bring mobile telephones onto the site.", "", "Position: Chair of Governors"])
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "PUPILS' MOBILE TELEPHONES: \"NOT SEEN, NOT HEARD\""),
        ("para", "Pupils may bring mobile telephones onto the site."),
        ("para", "Position: Chair of Governors"),
    ]


def test_a_signatory_under_a_sign_off_line_is_no_heading() -> None:
    blocks = structure(["Signed: ______________________", "", "Mr Andrew Kessling, Headteacher", "", "Date: 11 March 2025",
                        "", "Dr Jane Okafor", "", "Staff conduct online", "", "Staff must not post about pupils."])
    assert [b.kind for b in blocks] == ["para", "para", "para", "para", "heading", "para"]


def test_a_markdown_table_is_a_line_of_cells_per_row() -> None:
    blocks = structure(["| Concern | Who to tell |", "|---|:---:|", "| A friend request from a pupil | DSL |",
                        "| A colleague's behaviour | Headteacher |", "", "Staff must not post about pupils."], joined_paragraphs=True)
    assert [(b.kind, b.text) for b in blocks] == [
        ("para", "Concern | Who to tell"),
        ("para", "A friend request from a pupil | DSL"),
        ("para", "A colleague's behaviour | Headteacher"),
        ("para", "Staff must not post about pupils."),
    ]


def test_a_forms_lines_stay_lines_in_markdown() -> None:
    # consecutive "Label: value" lines are a form's fields, each its own line, even where Markdown joins lines
    blocks = structure(["Written by: Mr Liam Costello, Designated Safeguarding Lead", "Approved by: the Governing Body, 8 July 2025",
                        "Next review: July 2026", "", "Staff must not post about pupils or their families online, and where a pupil",
                        "asks to follow you, decline: say no."], joined_paragraphs=True)
    assert [(b.kind, b.text) for b in blocks] == [
        ("para", "Written by: Mr Liam Costello, Designated Safeguarding Lead"),
        ("para", "Approved by: the Governing Body, 8 July 2025"),
        ("para", "Next review: July 2026"),
        ("para", "Staff must not post about pupils or their families online, and where a pupil asks to follow you, decline: say no."),
    ]


def test_a_forms_long_lines_stay_lines_in_plain_text() -> None:
    # fresh8's Saltmarsh: a line of 60 characters or more without a full stop reads on in the next (text wrapped at
    # a fixed width), but not from one of a form's "Label: value" lines into the next
    blocks = structure(["Policy owner: Jo Penhale, Deputy Headteacher and Designated Safeguarding Lead (DSL)",
                        "Approved by: Local Academy Committee, 22 January 2025", "Next review: January 2026"])
    assert [b.text for b in blocks] == ["Policy owner: Jo Penhale, Deputy Headteacher and Designated Safeguarding Lead (DSL)",
                                        "Approved by: Local Academy Committee, 22 January 2025", "Next review: January 2026"]


def test_the_last_line_of_a_numbered_contents_list_stays_on_the_list() -> None:
    blocks = structure(["CONTENTS", "", "1. Purpose and Scope", "2. Definitions", "3. Sign-Off", "",
                        "Defined terms appear in capitals.", "", "1. PURPOSE AND SCOPE", "",
                        "1.1 This policy sets out the conduct required of staff."])
    assert [(b.kind, b.text) for b in blocks][1:4] == [("item", "Purpose and Scope"), ("item", "Definitions"), ("item", "Sign-Off")]
    assert ("heading", "PURPOSE AND SCOPE") in [(b.kind, b.text) for b in blocks]


def test_a_plain_text_title_underlined_is_a_heading_and_its_underline_no_text(tmp_path: Path) -> None:
    # fresh8's Saltmarsh: "9. Cyberbullying" / "================", "What staff should do" / "------": the
    # underlines were written as paragraphs of "=" and the "-" ones reported as text lost
    lines = ["ONLINE CONDUCT POLICY", "=====================", "", "9. Cyberbullying", "================", "",
             "Cyberbullying happens in primary schools more than people expect.", "", "What staff should do", "--------------------",
             "", "1) Listen, stay calm and don't promise to keep it secret.", "", "----------", "", "Staff must report it the same day."]
    blocks = structure(lines)
    assert [(b.number, b.text, b.level) for b in blocks if b.kind == "heading"] == [
        (None, "ONLINE CONDUCT POLICY", 2), ("9", "Cyberbullying", 2), (None, "What staff should do", 3)]
    assert not any(set(b.text) <= set("=-") for b in blocks)  # no underline or rule is written as text
    source = tmp_path / "saltmarsh.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    school_id, markdown = import_policy(source, "Saltmarsh Primary Academy", "saltmarsh")
    assert "===" not in markdown and "\\=" not in markdown and "### What staff should do" in markdown
    from policy_compare.importer import import_document

    assert import_document(source, "Saltmarsh Primary Academy", "saltmarsh").warnings == ()  # nothing reported lost


def test_a_one_word_lead_in_is_no_heading() -> None:
    # "Never:" over a list is the list's lead-in (its items are things never to do), not a section "Never"
    for lead in ("Never:", "Always:", "Do not:", "You must:"):
        blocks = structure(["If you find out about an image, tell me.", "", lead, "", "* look at the image", "* copy or forward it"])
        assert (blocks[1].kind, blocks[1].text) == ("para", lead), lead
    assert structure(["Mobile Phones:", "", "Staff keep their phones in lockers."])[0].kind == "heading"  # a title still is one


def test_a_single_file_dry_run_prints_the_source_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "source_policies"
    seed, school_id = next(iter(SEED_SCHOOLS.items()))
    assert main(["import", str(SEEDS / seed), "--school", "A School", "--id", school_id, "--sources", str(sources), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert not sources.exists()
    assert captured.out.startswith("---\nschool: A School\n") and f"would write {sources / school_id}.md" in captured.err


def _saved_as_text(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "oakhurst.txt"
    source.write_text(text, encoding="utf-8")
    return source


def test_a_word_processors_text_export_loses_its_page_furniture_and_wrapping(tmp_path: Path) -> None:
    # fresh10's Oakhurst: "Save as plain text" kept a running header after each form feed, "Page N of 6" at each
    # page's foot, lines wrapped at 80 characters (a break mid-sentence, even across a page), "o<tab>" sub-items
    header = "Oakhurst Infant School \u2013 Online Safety and Social Media Policy"
    text = "\n".join([
        header, "", "OAKHURST INFANT SCHOOL", "", "1. Introduction and Purpose", "",
        "At Oakhurst we want our children to grow up confident, curious and safe online. Even our youngest pupils arrive in",
        "", "Page 1 of 2", f"\f{header}", "",
        "Reception having used tablets and video calls at home. We believe it is never too early to learn to be kind online.",
        "", "2. Who This Policy Applies To and What We Mean", "",
        "Staff must not give parents personal phone numbers or email addresses, or accept friend requests from relatives of parents;",
        "this must be declared to the Headteacher.", "",
        "5.\tOn trips, the trip leader carries the school mobile phone:",
        "o\tpersonal phones must not be used to contact parents unless the school phone cannot be used;",
        "o\tany such use must be reported to the Headteacher on return.", "", "Page 2 of 2", "",
    ])
    result = import_document_of(_saved_as_text(tmp_path, text))
    body = result.markdown.split("\n---\n", 1)[1]
    assert header not in body and "Page 1 of 2" not in body and "Page 2 of 2" not in body
    assert ("Even our youngest pupils arrive in Reception having used tablets and video calls at home. We believe it is never too"
            " early to learn to be kind online.") in body  # one paragraph, across the page break
    assert "## 2 Who This Policy Applies To and What We Mean" in body  # a numbered title in Title Case, nine words
    assert "or accept friend requests from relatives of parents; this must be declared to the Headteacher." in body
    assert "\n- personal phones must not be used to contact parents" in body and "\n- any such use must be reported" in body
    assert result.warnings == ()
    assert [line.split(": ", 1)[1] for line in result.removed] == [header, "Page 1 of 2", header, "Page 2 of 2"]


def test_page_numbers_without_form_feeds_take_their_running_header_with_them() -> None:
    from policy_compare.import_common import Extracted, drop_page_furniture

    lines = ["Hill School Policy", "", "Staff must not post about pupils.", "", "Page 1 of 2", "Hill School Policy", "",
             "Staff must report concerns to the DSL.", "", "Page 2 of 2"]
    kept = drop_page_furniture(Extracted(lines=lines, where=[f"line {k}" for k in range(1, 11)])).lines
    assert [line for line in kept if line] == ["Staff must not post about pupils.", "Staff must report concerns to the DSL."]
    # a line that only repeats once, nowhere near a page's number, is text
    same = ["Staff must not post about pupils.", "", "Staff must not post about pupils."]
    assert drop_page_furniture(Extracted(lines=same, where=["1", "2", "3"])).lines == same


def import_document_of(source: Path):  # type: ignore[no-untyped-def]
    from policy_compare.importer import import_document

    return import_document(source, "Oakhurst Infant School", "oakhurst")


def test_the_import_says_what_it_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\n".join(["Hill School Policy", "", "Staff must not post about pupils.", "", "Page 1 of 2", "\fHill School Policy", "",
                      "Staff must report concerns to the DSL.", "", "Page 2 of 2", ""])
    source = tmp_path / "hill.txt"
    source.write_text(text, encoding="utf-8")
    assert main(["import", str(source), "--school", "Hill School", "--id", "hill", "--sources", str(tmp_path / "src")]) == 0
    out = capsys.readouterr().out
    assert "  left out: line 5: Page 1 of 2\n" in out and "  left out: line 6: Hill School Policy\n" in out
