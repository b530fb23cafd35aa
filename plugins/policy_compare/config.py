"""Typed options of the ``policy_compare`` MkDocs plugin (each documented for mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .model import DEFAULT_TRUST


class PolicyCompareConfig(Config):
    """Options under ``plugins: - policy_compare:`` in mkdocs.yml. Paths are relative to mkdocs.yml."""

    sources = c.Type(str, default="source_policies")
    """Folder of source policies (``*.md`` with front matter), one per school."""

    topics = c.Type(str, default="")
    """Topic taxonomy YAML. Empty: the taxonomy shipped with the plugin."""

    overrides = c.Type(str, default="")
    """Overrides YAML (move, join, split, exclude clauses). Empty or missing: none."""

    curation = c.Type(str, default="")
    """Model-policy curation YAML (choose, replace, add, drop, reorder). Empty or missing: none."""

    normalisation = c.Type(str, default="")
    """Normalisation rules YAML. Empty: the rules shipped with the plugin."""

    register = c.Type(str, default="")
    """Legislation register YAML (titles, years, status, links). Empty: the register shipped with the plugin."""

    trust_name = c.Type(str, default=DEFAULT_TRUST)
    """Name of the trust, used in the model policy's title block."""

    model_threshold = c.Type(int, default=2)
    """A row enters the model policy when at least this many schools share it."""

    print_provenance = c.Type(bool, default=False)
    """Print which schools each model clause came from (always shown on screen)."""

    pdf = c.Choice(("auto", "always", "never"), default="auto")
    """Print the model policy to PDF after the build with headless Chromium: ``auto`` when it is installed."""

    pdf_timeout = c.Type(int, default=120)
    """Seconds Chromium may take to print the PDF; past it the build warns and carries on without the PDF."""

    placeholder = c.Type(str, default="[School name]")
    """What a school's own name becomes in reference wordings and the model policy."""

    edit_url = c.Type(str, default="")
    """Template for links to edit a source file, an http(s) address with ``{path}``; empty: derived from repo_url/edit_uri."""

    nav_schools = c.Type(int, default=12)
    """List each school in the navigation up to this many schools; beyond it the navigation
    links to the schools' index page only (a sidebar of 100 schools helps nobody, and every
    page would carry it)."""

    today = c.Type(str, default="")
    """The build date (YYYY-MM-DD) used for overdue reviews; empty means the real date. For tests."""

    cache_dir = c.Type(str, default=".policy_compare_cache")
    """Where parse and alignment results are cached between builds; empty disables the disk cache."""
