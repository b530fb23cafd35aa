"""The MkDocs plugin: wires events to the pipeline. No policy logic lives here."""

from __future__ import annotations

import datetime as _dt
import html
import re
import subprocess
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .background import collect_less, one_blas_thread, release
from .config import PolicyCompareConfig
from .errors import PolicyError
from .model import Alignment
from .normalise import DEFAULT_RULES
from .pipeline import DEFAULT_TOPICS, Inputs, Pipeline
from .pdf import PrintJob, find_chromium, start_print
from .render import Stash
from .site import GeneratedSite, build_site
from .validate import validate_project

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
CSS = "assets/policy_compare/policy_compare.css"
JS = ("assets/policy_compare/diff_match_patch.js", "assets/policy_compare/policy_compare.js")


class PolicyComparePlugin(BasePlugin[PolicyCompareConfig]):
    """Generates comparison pages, the model policy and data files from source policies."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pipeline: Pipeline | None = None
        self.inputs: Inputs | None = None
        self.alignment: Alignment | None = None
        self.generated: GeneratedSite | None = None  # the last good build's pages
        self.build_error: str | None = None  # live preview only: why the last rebuild failed
        self.chromium: str | None = None
        self.printing: PrintJob | None = None  # the model policy's PDF, started once its page is made
        self.stash = Stash()
        self.command = "build"

    def _path(self, config: MkDocsConfig, value: str) -> Path | None:
        if not value:
            return None
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (root / value).resolve()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: live preview skips the PDF so that rebuilds stay quick."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent.resolve() if config.config_file_path else Path.cwd()
        sources = self._path(config, self.config.sources)
        assert sources is not None  # the option has a non-empty default
        self.inputs = Inputs(
            root=root,
            sources=sources,
            topics=self._path(config, self.config.topics) or DEFAULT_TOPICS,
            overrides=self._path(config, self.config.overrides),
            rules=self._path(config, self.config.normalisation) or DEFAULT_RULES,
            placeholder=self.config.placeholder,
            curation=self._path(config, self.config.curation),
            register=self._path(config, self.config.register),
        )
        if self.config.edit_url and not self.config.edit_url.startswith(("https://", "http://")):
            raise PluginError(
                f"mkdocs.yml: policy_compare `edit_url: {self.config.edit_url}` is not a web address; "
                "start it with https://, or leave it empty to use repo_url and edit_uri"
            )
        if self.pipeline is None:
            cache = self._path(config, self.config.cache_dir)
            self.pipeline = Pipeline(cache)
        # the plugin's CSS goes first so that a site's own extra_css wins
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        for script in JS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        return config

    def _today(self) -> _dt.date:
        if self.config.today:
            try:
                return _dt.date.fromisoformat(self.config.today)
            except ValueError as exc:
                raise PluginError(f"mkdocs.yml: policy_compare `today: {self.config.today}` is not a YYYY-MM-DD date") from exc
        return _dt.date.today()

    def prepare(self, config: MkDocsConfig, *, pdf: bool = False) -> GeneratedSite:
        """Check every input, align and generate every page, touching nothing on disk but the cache.

        Raises ``PolicyError`` for a mistake in the inputs; ``policy-compare check`` calls this too.
        """
        assert self.pipeline is not None and self.inputs is not None
        started = time.perf_counter()
        warnings = validate_project(self.inputs)
        with one_blas_thread():  # the stages share their work between two processes themselves
            # the cache is written while the model is merged in a second process, not before it starts
            alignment = self.pipeline.run(self.inputs, write_later=True)
            aligned = time.perf_counter()
            try:
                generated = build_site(alignment, self.inputs, self.config, config, self._today(), pdf,
                                       meanwhile=self.pipeline.write)
            finally:
                self.pipeline.write()
        generated.warnings[:0] = [*warnings, *alignment.warnings]
        self.alignment = alignment
        log.debug(
            f"parsed and aligned in {aligned - started:.2f} s ({self.pipeline.stats}), "
            f"pages generated in {time.perf_counter() - aligned:.2f} s"
        )
        return generated

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Everything is read and checked here, before MkDocs empties site_dir: a mistake in a
        source fails the build and leaves the published site as it was."""
        collect_less()  # until on_post_build: the build holds many objects, few of them cycles
        wanted = self.config.pdf == "always" or (self.config.pdf == "auto" and self.command != "serve")
        self.chromium = find_chromium() if wanted else None
        if self.config.pdf == "always" and self.chromium is None:
            raise PluginError("mkdocs.yml: policy_compare `pdf: always` needs Chromium; install it or set `pdf: auto`")
        try:
            generated = self.prepare(config, pdf=self.chromium is not None)
        except PolicyError as exc:
            if self.command == "serve" and self.generated is not None:
                # MkDocs' live server holds every request while a rebuild fails: serve the last good
                # pages with the error on top instead, until the next save fixes it
                self.build_error = str(exc)
                # under `serve --strict` an error record would fail the rebuild, and MkDocs would hold requests again
                (log.info if config.strict else log.error)(f"{exc} (the preview shows the last good build until this is fixed)")
                return
            raise PluginError(str(exc)) from exc
        self.generated, self.build_error = generated, None
        for warning in generated.warnings:
            log.warning(warning)
        if config.strict and generated.warnings and self.command != "serve":
            # --strict would fail on these only after emptying site_dir and writing the new site
            raise PluginError(
                f"{len(generated.warnings)} warning(s) above in strict mode; stopped before changing {config.site_dir}"
            )

    # Runs late so that other plugins' files (e.g. gen-files) are already in place.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.inputs is not None and self.generated is not None
        generated = self.generated
        self.stash = generated.stash
        # edit links are relative to the repository (edit_uri_template: .../{path}), so the site's own
        # pages point into docs/ and generated pages at the source they come from
        root = self.inputs.root
        docs = Path(config.docs_dir).resolve()
        docs_prefix = docs.relative_to(root).as_posix() + "/" if docs.is_relative_to(root) else ""
        for file in files.documentation_pages():
            if not file.generated_by and docs_prefix:
                file.edit_uri = docs_prefix + file.src_uri
        for asset in sorted(ASSETS.iterdir()):
            if asset.is_file():
                files.append(File.generated(config, f"assets/policy_compare/{asset.name}", abs_src_path=str(asset)))
        for src, page in sorted(generated.files.items()):
            if files.get_file_from_path(src) is not None:
                files.remove(files.get_file_from_path(src))  # type: ignore[arg-type]
            file = File.generated(config, src, content=page.content)
            if page.edit_path:
                file.edit_uri = page.edit_path
            files.append(file)
        if not config.nav:
            config.nav = generated.nav
        return files

    # Blocks go back first, before other plugins (e.g. a minifier that strips comments) see the page.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Generated pages' big HTML blocks skip Markdown; the searchable ones go back here."""
        return self.stash.fill(html, late=False)

    @event_priority(100)
    def _fill_late(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """...and the rest (text the search index already has from the school pages) here."""
        output = self.stash.fill(output, late=True)
        if self.build_error:
            banner = (
                '<div class="pc-build-error" role="alert"><strong>This preview is out of date.</strong> '
                f"The last edit did not build: <code>{html.escape(self.build_error)}</code> "
                "The pages show the last good build; saving a fix rebuilds them.</div>"
            )
            output = re.sub(r"<body[^>]*>", lambda m: m[0] + banner, output, count=1)
        return output

    # Last, once every plugin has changed the page: the page as it is written.
    @event_priority(-100)
    def _start_print(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """The model policy's PDF is printed from its page, as built, while the other pages are built."""
        if self.chromium is not None and self.printing is None and page.file.src_uri == "model-policy/index.md":
            try:
                self.printing = start_print(
                    self._model_page(config), self._model_pdf(config), self.chromium, stamp=self._pdf_stamp(),
                    title=self.generated.model_title if self.generated else None, page=output,
                )
                log.debug("printing the model policy's PDF while the other pages are built")
            except OSError as exc:
                log.warning(f"model policy PDF not made: {exc}")
                self.chromium = None
        return output

    on_post_page = CombinedEvent(_fill_late, _start_print)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Sources, topics, overrides and curation live outside docs/: watch them too."""
        assert self.inputs is not None
        watched = [self.inputs.sources, self.inputs.topics, self.inputs.overrides, self.inputs.curation, self.inputs.rules,
                   self.inputs.register]
        for path in watched:
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    def _pdf_stamp(self) -> str:
        """The model's date for the PDF metadata: the latest date the sources give."""
        dates = sorted(d for p in (self.alignment.policies if self.alignment else ()) for d in (p.reviewed, p.adopted) if d)
        digits = "".join(ch for ch in (dates[-1] if dates else "2000-01-01") if ch.isdigit())
        return (digits + "01" * 4)[:8].ljust(8, "0") + "000000"

    def _model_page(self, config: MkDocsConfig) -> Path:
        return Path(config.site_dir) / "model-policy" / "index.html"

    def _model_pdf(self, config: MkDocsConfig) -> Path:
        return Path(config.site_dir) / "model-policy" / "model-policy.pdf"

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The model policy's PDF is printed from the built page, so it matches the print CSS."""
        release()  # the build's data may be collected again (a `mkdocs serve` rebuild makes new)
        if self.chromium is None:
            return
        printing, self.printing = self.printing, None
        try:
            if printing is None:  # the page was not built through on_post_page: print the file
                printing = start_print(self._model_page(config), self._model_pdf(config), self.chromium, stamp=self._pdf_stamp(),
                                       title=self.generated.model_title if self.generated else None)
            printing.finish(timeout=self.config.pdf_timeout)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            log.warning(f"model policy PDF not made: {exc}")

    def on_build_error(self, *, error: Exception) -> None:
        """A build that fails after the print started leaves no Chromium behind."""
        release()
        printing, self.printing = self.printing, None
        if printing is not None:
            printing.cancel()
