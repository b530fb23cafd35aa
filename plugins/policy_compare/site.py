"""Assemble every generated file of the site (pages, data, navigation) from an alignment.

Pure apart from reading optional maintainer files (curation); returns plain values that
the plugin hands to MkDocs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markupsafe import Markup

from .background import Background
from .export import alignment_json, coverage_csv
from .model import Alignment
from .pipeline import Inputs
from .legal import appendix, legal_pages, legal_report
from .legal import warnings as legal_warnings
from .legislation import load_register
from .lint import Finding, Overlap, lint, overlaps
from .merge import ModelPolicy
from .model_site import merged, model_files
from .render import Renderer, SiteContext, Stash, environment, school_src, topic_src


@dataclass(frozen=True)
class GeneratedPage:
    content: str | bytes
    edit_path: str | None = None  # source file (relative to the repository) behind the page


@dataclass
class GeneratedSite:
    files: dict[str, GeneratedPage] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stash: Stash = field(default_factory=Stash)  # HTML blocks the pages' Markdown points to
    model_title: str = ""  # the model policy's title: its PDF's title


def build_site(
    alignment: Alignment, inputs: Inputs, options: Any, config: Any, today: _dt.date, pdf_available: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> GeneratedSite:
    """All generated files for one build. ``options`` is the plugin config, ``config`` MkDocs'.
    ``meanwhile`` is called once this process has made its pages, before it waits for the model's."""
    site = SiteContext(
        use_directory_urls=bool(config.use_directory_urls),
        edit_url=options.edit_url or _edit_url(config),
        placeholder=options.placeholder,
        trust_name=options.trust_name,
        extra={"topics_path": inputs.shown(inputs.topics)},
    )
    out = GeneratedSite()
    env = environment(stash=out.stash)
    renderer = Renderer(alignment, site, env)
    register = load_register(inputs.register)
    curation = inputs.curation
    curation_shown = inputs.shown(curation) if curation else "curation.yml"

    def model_part() -> tuple[ModelPolicy, list[Finding], list[Overlap]]:
        model = merged(alignment, curation_path=curation, curation_shown=curation_shown, threshold=options.model_threshold,
                       placeholder=options.placeholder, trust=options.trust_name, register=register)
        # the review looks quotes up in the index merging made, and the entries alike in meaning up in the
        # vectors ordering the passages made (the other process has none of them: 0.8 s of encoding there)
        return model, lint(model, alignment), overlaps(model)

    # the model policy (a third of the work) is merged and reviewed in a second process while this one
    # reads the citations and renders the comparison pages: neither reads what the other makes, and the
    # files are the same. Its pages are made here once it is merged (they need the citations)
    model_run = Background(model_part)
    report = legal_report(alignment, inputs.register, register)
    # a page made from many sources has no page-level edit link (one school's file would be the
    # wrong one to open); its clauses and its "Sources" line link to each file instead
    for src, content in renderer.pages().items():
        sources = renderer.sources_of(src)
        out.files[src] = GeneratedPage(content, sources[0] if len(sources) == 1 else None)
    out.files["data/alignment.json"] = GeneratedPage(alignment_json(alignment))
    out.files["data/coverage.csv"] = GeneratedPage(coverage_csv(alignment))
    out.files["data/index.md"] = GeneratedPage(env.get_template("data.md.j2").render(a=alignment, schema="policy-compare/alignment/v1"))

    out.warnings.extend(legal_warnings(report))
    for src, content in legal_pages(alignment, report, env, renderer.links, today).items():
        out.files[src] = GeneratedPage(content)

    if meanwhile is not None:
        meanwhile()
    model, findings, overlapping = model_run.result()
    model_pages, model = model_files(
        alignment, env, renderer.links, curation_path=curation, curation_shown=curation_shown,
        threshold=options.model_threshold, placeholder=options.placeholder, trust=options.trust_name,
        today=today, appendix=appendix(report), print_provenance=options.print_provenance, register=report.register,
        pdf_available=pdf_available, model=model, findings=findings, overlapping=overlapping,
    )
    out.warnings.extend(model.warnings)
    out.model_title = model.title
    for src, content in model_pages.items():
        out.files[src] = GeneratedPage(content, inputs.shown(curation) if curation and src.endswith(".md") else None)
    out.nav = navigation(alignment, config, options.nav_schools)
    return out


def _edit_url(config: Any) -> str:
    """``repo_url`` + ``edit_uri_template`` from mkdocs.yml, as a template with ``{path}``."""
    template = str(config.edit_uri_template or "")
    if config.repo_url and template and "://" not in template:
        return f"{str(config.repo_url).rstrip('/')}/{template}"
    return template if "://" in template else ""


def navigation(alignment: Alignment, config: Any, max_schools: int = 12) -> list[Any]:
    """Overview, topics in taxonomy order, schools, then the site's own pages.

    Schools are listed once, one by one up to ``max_schools``; a larger trust gets the index
    page only, which links to every school. Schools' copies of the model policy are reached
    from their school pages and the index, so no school name appears twice.
    """
    docs_pages = []
    from pathlib import Path

    docs_dir = Path(config.docs_dir)
    own_pages = (
        ("index.md", "Home"), ("about.md", "About this site"), ("alignment.md", "How alignment works"),
        ("performance.md", "Performance"), ("build-errors.md", "When the build fails"),
    )
    for name, title in own_pages:
        if (docs_dir / name).exists():
            docs_pages.append({title: name})
    nav: list[Any] = docs_pages[:1]
    nav.append({"Overview": "compare/index.md"})
    # MkDocs and Material print navigation titles as HTML, unescaped: a maintainer's text is escaped
    # here, as Markup, so that where Material does escape a title (the footer's aria-label) it is not
    # escaped twice ("St Mary &amp;amp; St John")
    nav.append({"Topics": [{_nav_title(t.title): topic_src(t.id)} for t in alignment.topics]})
    nav.append({"Compare two schools": "compare/pairs.md"})
    listed = alignment.policies if len(alignment.policies) <= max_schools else ()
    nav.append({"Schools": ["schools/index.md", *({_nav_title(p.school): school_src(p.id)} for p in listed)]})
    # each school's copy of the model is linked from its school page and the schools' index,
    # not listed in the navigation a second time under the school's name
    nav.append({"Model policy": [
        "model-policy/index.md",
        {"Review before adopting": "model-policy/review.md"},
        {"Candidates": "model-policy/candidates.md"},
    ]})
    nav.append({"Legislation": "legislation.md"})
    nav.append({"Policy health": "health.md"})
    nav.append({"Data downloads": "data/index.md"})
    nav.extend(docs_pages[1:])
    return nav


def _nav_title(text: str) -> Markup:
    """A maintainer's text as a navigation title: escaped once, and marked as escaped."""
    return Markup(escape(text, quote=True))  # quotes too: Material puts titles in attributes
