"""The documentation cannot drift silently: every relative link in README.md and docs/ points at a
file (and a heading, with GitHub's anchors) that exists, every docs page is reachable from
docs/README.md, every site path the docs show resolves, every API route docs/api.md names exists in
the OpenAPI document with that method, and every error code and setting they name is real."""

import re
from functools import cache
from pathlib import Path

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from innocluster.config.api import api
from innocluster.core.errors import all_error_codes

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INDEX = DOCS / "README.md"
API_GUIDE = DOCS / "api.md"

FENCE = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
METHODS = "GET|POST|PUT|PATCH|DELETE"
# A site path inside code: alone, after a quote or a bracket, after $SITE or after a scheme and host.
PATH = re.compile(r"(?:^|(?<=[\s\"'(=]))(?:\$SITE|https?://[\w.:\[\]-]+)?(/[^\s\"'`)?#,;|]*)")
METHOD_AND_PATH = re.compile(
    rf"(?:\b({METHODS})\s+|-X\s+({METHODS})\s+[\"']?)(?:\$SITE|https?://[\w.:\[\]-]+)?(/api/v1/[^\s\"'`)?#,;|]*)"
)
PLACEHOLDER = re.compile(r"\{[^}/]*\}|<[^>/]*>|…")


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def split(text: str) -> tuple[list[str], list[str]]:
    """The prose lines (code spans blanked) and the code (fenced blocks and inline spans)."""
    prose, code, fenced = [], [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if fenced:
            code.append(line)
            continue
        code.extend(match.group(2) for match in CODE_SPAN.finditer(line))
        prose.append(CODE_SPAN.sub(lambda m: "`" + "x" * len(m.group(2)) + "`", line))
    return prose, code


def github_slug(heading: str) -> str:
    """GitHub's anchor of a heading: the rendered text lowercased, everything but letters, digits,
    underscores, hyphens and spaces dropped, spaces made hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links and images: their text
    text = text.replace("`", "").replace("**", "").replace("__", "").replace("*", "")
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found, seen, fenced = set(), {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            slug = github_slug(match.group(2))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    prose, _code = split(path.read_text(encoding="utf-8"))
    targets = [match.group(1) for line in prose for match in LINK.finditer(line)]
    return [t for t in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE)]


def link_problems(path: Path) -> list[str]:
    problems = []
    for target in relative_links(path):
        file_part, _, fragment = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        where = f"{path.relative_to(ROOT)}: ({target})"
        if not destination.exists():
            problems.append(f"{where} points at a missing file")
        elif fragment:
            if destination.suffix != ".md":
                problems.append(f"{where}: a #fragment on a file that is not Markdown")
            elif fragment not in anchors(destination):
                problems.append(f"{where}: no heading with the anchor #{fragment}")
    return problems


def docs_linked_from(path: Path) -> set[Path]:
    linked = set()
    for target in relative_links(path):
        file_part = target.partition("#")[0]
        if file_part.endswith(".md"):
            linked.add((path.parent / file_part).resolve())
    return linked


@cache
def route_prefixes() -> frozenset[str]:
    """The first path segment of every route the site answers (`api`, `admin`, `measures`, …)."""
    prefixes = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                first = route.lstrip("^").split("/")[0]
                if first and re.fullmatch(r"[\w.-]+", first):
                    prefixes.add(first)

    walk(get_resolver().url_patterns, "")
    return frozenset(prefixes)


def concrete(path: str) -> str:
    """`/api/v1/users/{id}/roles` or `/membership/<id>/` as a path a browser would send."""
    return PLACEHOLDER.sub("1", path.rstrip(".:"))


def site_paths(text: str) -> set[str]:
    _prose, code = split(text)
    prefixes = route_prefixes()
    paths = set()
    for chunk in code:
        for match in PATH.finditer(chunk):
            path = match.group(1)
            if path.split("/")[1] in prefixes:
                paths.add(path)
    return paths


@cache
def openapi_operations() -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    """Each OpenAPI path as a pattern (a `{parameter}` matches one segment), with its methods."""
    return tuple(
        (
            re.compile(re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template.rstrip("/")))),
            frozenset(operations),
        )
        for template, operations in api.get_openapi_schema()["paths"].items()
    )


def openapi_has(method: str, path: str) -> bool:
    wanted = concrete(path).rstrip("/")
    return any(
        pattern.fullmatch(wanted) and method.lower() in methods for pattern, methods in openapi_operations()
    )


def test_the_docs_exist_with_a_guide_per_role():
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert {
        "README.md",
        "api.md",
        "rules.md",
        "deployment.md",
        "operations.md",
        "guide/applicant.md",
        "guide/site.md",
        "guide/expert.md",
        "guide/reviewer.md",
        "guide/coordinator.md",
        "guide/administrator.md",
    } <= pages


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_points_at_a_file_and_heading_that_exist(path):
    assert link_problems(path) == []


def test_the_readme_links_to_the_docs_and_not_outside_the_repository():
    targets = relative_links(ROOT / "README.md")
    assert "docs/README.md" in targets
    assert all(
        not (ROOT / t.partition("#")[0]).resolve().is_relative_to(ROOT.parent / "shared") for t in targets
    )
    assert all((ROOT / t.partition("#")[0]).resolve().is_relative_to(ROOT) for t in targets)


def test_every_docs_page_is_reachable_from_the_index():
    reached, queue = {INDEX.resolve()}, [INDEX.resolve()]
    while queue:
        for page in docs_linked_from(queue.pop()):
            if page.is_relative_to(DOCS) and page.exists() and page not in reached:
                reached.add(page)
                queue.append(page)
    assert {p.resolve() for p in DOCS.rglob("*.md")} - reached == set()


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_site_path_shown_in_code_resolves(path):
    unresolved = []
    for shown in sorted(site_paths(path.read_text(encoding="utf-8"))):
        try:
            resolve(concrete(shown))
        except Resolver404:
            unresolved.append(shown)
    assert unresolved == []


def test_the_api_guide_shows_routes_and_the_api_guide_paths_are_real():
    text = API_GUIDE.read_text(encoding="utf-8")
    shown = site_paths(text)
    assert {"/api/v1/auth/token", "/api/v1/me", "/api/v1/memberships"} <= shown
    assert any(p.startswith("/api/v1/measures/") and p.endswith("/quote") for p in shown)


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_method_and_api_route_named_in_code_is_in_the_openapi_document(path):
    _prose, code = split(path.read_text(encoding="utf-8"))
    named = {
        (match.group(1) or match.group(2), match.group(3))
        for chunk in code
        for match in METHOD_AND_PATH.finditer(chunk)
    }
    missing = sorted(f"{method} {route}" for method, route in named if not openapi_has(method, route))
    assert missing == []


def test_the_api_guide_names_only_real_error_codes():
    text = API_GUIDE.read_text(encoding="utf-8")
    codes = set(re.findall(r'"code":\s*"([a-z_]+)"', text))
    table = re.search(r"^\| status \| code \| when \|$(.*?)^$", text, re.MULTILINE | re.DOTALL)
    assert table, "the API guide has its table of statuses and codes"
    for row in table.group(1).strip().splitlines()[1:]:
        codes |= set(re.findall(r"`([a-z_]+)`", row.split("|")[2]))
    assert {"not_authenticated", "not_found", "invalid", "payload_too_large", "locked"} <= codes
    assert codes - set(all_error_codes()) == set()


def test_every_setting_the_docs_name_is_read_by_the_code():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "innocluster").rglob("*.py"))
    named = set()
    for path in [*markdown_files(), ROOT / ".env.example"]:
        named |= set(re.findall(r"INNOCLUSTER_([A-Z][A-Z0-9_]*[A-Z0-9])\b", path.read_text(encoding="utf-8")))
    assert "DATABASE_URL" in named
    unknown = sorted(
        name for name in named if f'"{name}"' not in source and f"INNOCLUSTER_{name}" not in source
    )
    assert unknown == []
