"""robots.txt: a policy for crawlers and a line pointing them at the sitemap.

``PULLMARKETING_ROBOTS`` chooses the policy: ``"allow-all"`` (the default:
every crawler may read everything), ``"search-only"`` (search engines and the
answer engines that cite their sources may read, crawlers that only gather
training data may not), ``"block-ai"`` (no AI crawler at all, search or
training; classic search engines still read), or explicit rules, a dict of
user agent -> ``"allow"``, ``"disallow"`` or a list of path prefixes to
disallow. The crawlers the policies name live in ``AGENTS``, each with its
vendor's documentation; docs/seo.md says what each choice costs.

Noindex pages are not disallowed here: a crawler must fetch a page to see its
noindex. Crawlers read robots.txt only at a host's root, so on a site served
from a sub-path (GitHub project pages) the file is written but ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

POLICIES = ("allow-all", "search-only", "block-ai")


@dataclass(frozen=True)
class Agent:
    name: str  # the user-agent token robots.txt names
    vendor: str
    role: str  # "search": cites or links the site in answers; "training": only gathers
    docs: str  # the vendor's page describing the crawler


AGENTS = (
    Agent("GPTBot", "OpenAI", "training", "https://platform.openai.com/docs/bots"),
    Agent("OAI-SearchBot", "OpenAI", "search", "https://platform.openai.com/docs/bots"),
    Agent("ChatGPT-User", "OpenAI", "search", "https://platform.openai.com/docs/bots"),
    Agent(
        "ClaudeBot",
        "Anthropic",
        "training",
        "https://support.claude.com/en/articles/8896518",
    ),
    Agent(
        "Claude-SearchBot",
        "Anthropic",
        "search",
        "https://support.claude.com/en/articles/8896518",
    ),
    Agent(
        "Claude-User",
        "Anthropic",
        "search",
        "https://support.claude.com/en/articles/8896518",
    ),
    Agent(
        "PerplexityBot",
        "Perplexity",
        "search",
        "https://docs.perplexity.ai/guides/bots",
    ),
    Agent(
        "Perplexity-User",
        "Perplexity",
        "search",
        "https://docs.perplexity.ai/guides/bots",
    ),
    Agent(
        "Google-Extended",
        "Google",
        "training",
        "https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers",
    ),
    Agent(
        "Applebot-Extended",
        "Apple",
        "training",
        "https://support.apple.com/en-us/119829",
    ),
    Agent("CCBot", "Common Crawl", "training", "https://commoncrawl.org/ccbot"),
    Agent(
        "Meta-ExternalAgent",
        "Meta",
        "training",
        "https://developers.facebook.com/docs/sharing/webmasters/web-crawlers",
    ),
    Agent(
        "DuckAssistBot",
        "DuckDuckGo",
        "search",
        "https://duckduckgo.com/duckduckgo-help-pages/results/duckassistbot",
    ),
)


def policy_rules(policy) -> list[tuple[str, list[str]]]:
    """(user agent, disallowed path prefixes) groups after the ``*`` group,
    in the order written; an empty list allows everything."""
    if policy in (None, "allow-all"):
        return []
    if policy == "search-only":
        return [(a.name, ["/"]) for a in AGENTS if a.role == "training"]
    if policy == "block-ai":
        return [(a.name, ["/"]) for a in AGENTS]
    rules = []
    for agent, rule in policy.items():
        if rule == "allow":
            rules.append((agent, []))
        elif rule == "disallow":
            rules.append((agent, ["/"]))
        else:
            rules.append((agent, list(rule)))
    return rules


def check_policy(value):
    """The settings check of PULLMARKETING_ROBOTS."""
    expected = (
        "one of " + ", ".join(repr(p) for p in POLICIES) + ", or a dict of "
        'user agent -> "allow", "disallow" or a list of paths starting with "/"'
    )
    if isinstance(value, str):
        if value not in POLICIES:
            raise ValueError(expected)
        return value
    if not isinstance(value, dict) or not value:
        raise ValueError(expected)
    for agent, rule in value.items():
        paths_ok = isinstance(rule, (list, tuple)) and all(
            isinstance(p, str) and p.startswith("/") for p in rule
        )
        if (
            not isinstance(agent, str)
            or not agent.strip()
            or any(c in agent for c in "\r\n:")
            or not (rule in ("allow", "disallow") or paths_ok)
        ):
            raise ValueError(expected)
    return value


def robots_txt(sitemap_url: str | None, policy=None) -> str:
    star = None
    groups = []
    for agent, disallowed in policy_rules(policy):
        lines = [f"User-agent: {agent}"]
        lines += [f"Disallow: {p}" for p in disallowed] or ["Allow: /"]
        if agent == "*":
            star = lines
        else:
            groups.append(lines)
    out = star or ["User-agent: *", "Allow: /"]
    for lines in groups:
        out += ["", *lines]
    if sitemap_url:
        out += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(out) + "\n"


def has_sitemap(text: str) -> bool:
    return any(
        line.strip().lower().startswith("sitemap:") for line in text.splitlines()
    )


def with_sitemap(text: str, sitemap_url: str) -> str:
    """``text`` with a ``Sitemap:`` line at the end (the line belongs to no
    group of rules, so anywhere is right)."""
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}\nSitemap: {sitemap_url}\n"


def write_robots(
    output_path: str, save_as: str, sitemap_url: str | None, policy=None
) -> str:
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path) or output_path, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(robots_txt(sitemap_url, policy))
    return path
