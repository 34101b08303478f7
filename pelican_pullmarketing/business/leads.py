"""E-mail sign-up forms that send the address to the firm: the subscribe
blocks post an e-mail field, with the topic as a hidden field, to the form
provider of the white-paper gates (``PULLMARKETING_GATE``), so a reader who
asks for new articles by e-mail becomes a contact, not a stranger's RSS-to-
email subscriber. Without a provider the theme offers the RSS-to-email
service (``PULLMARKETING_EMAIL_BY_FEED_URL``) instead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignupForm:
    action: str
    method: str
    email_field: str
    honeypot: str | None
    hidden: tuple[tuple[str, str], ...]
    topic_field: str = "topic"


def signup_form(settings: dict) -> SignupForm | None:
    """The form of the gates' provider, or None (no provider, or one the
    gates feature reports as wrong)."""
    config = settings.get("PULLMARKETING_GATE")
    if not isinstance(config, dict) or not config.get("provider"):
        return None
    from ..errors import PullMarketingError
    from ..gates.providers import provider_for

    try:
        provider = provider_for(config)
    except PullMarketingError:
        return None
    hidden = provider.key("hidden", {}) or {}
    return SignupForm(
        action=provider.action(),
        method=provider.method(),
        email_field=provider.email_field,
        honeypot=provider.honeypot(),
        hidden=tuple((str(k), str(v)) for k, v in sorted(hidden.items())),
    )
