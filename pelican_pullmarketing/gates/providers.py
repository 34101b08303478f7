"""Form providers of white-paper gates: one small class each, saying where the
form posts, how, under which field names, and which honeypot the provider
checks. ``provider_for(config)`` checks ``PULLMARKETING_GATE`` and returns the
provider; every problem names the provider and the key.

A static site has no server, so the form posts straight to the provider; the
provider (or its autoresponder) then redirects to the thank-you page or e-mails
the file. Nothing here needs JavaScript.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

from ..errors import InvalidSettings, describe
from ..settings import _bool

SETTING = "PULLMARKETING_GATE"
DELIVERIES = ("page", "email")

# Keys every provider accepts besides its own.
COMMON_KEYS = {
    "provider": "the form provider's name",
    "delivery": "'page' (a thank-you page links the file) or 'email' (the provider e-mails it)",
    "paper_field": "name of the hidden field that names the paper",
    "page_field": "name of the hidden field that holds the landing page's URL",
    "consent_field": "name of the marketing-consent checkbox",
    "hidden": "extra hidden fields, a dict of name -> value",
}


@dataclass(frozen=True)
class FormSpec:
    """Everything the form template needs: no provider logic in templates."""

    action: str
    method: str
    email_field: str
    consent_field: str
    honeypot: str | None = None
    hidden: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError
    text = str(value).strip()
    if not text:
        raise ValueError
    return text


class Provider:
    name: ClassVar[str]
    title: ClassVar[str]
    # key -> what it is (used in error messages and the docs)
    required: ClassVar[dict[str, str]] = {}
    optional: ClassVar[dict[str, str]] = {}
    email_field: ClassVar[str] = "email"
    paper_field: ClassVar[str] = "paper"
    page_field: ClassVar[str] = "page"
    consent_field: ClassVar[str] = "marketing_consent"
    # key -> checker raising ValueError(expected); other keys: a non-empty string.
    checks: ClassVar[dict[str, Callable[[Any], Any]]] = {}
    # Where the marketer sets "redirect after submit" (shown by `gates list`).
    redirect_setting: ClassVar[str] = "the form's redirect setting"
    # How the form itself sends the thank-you URL unless `redirect_in_form` is False.
    form_sends_redirect: ClassVar[str | None] = None

    def __init__(self, config: dict):
        self.config = config

    def redirect_instructions(self) -> str:
        if self.form_sends_redirect and self.config.get("redirect_in_form", True):
            return f"nothing to paste: {self.form_sends_redirect}"
        return f"paste the thank-you URL into {self.redirect_setting}"

    # --- checking -------------------------------------------------------------

    @classmethod
    def problems(cls, config: dict) -> list[str]:
        found = []
        for key, meaning in {**cls.required, **cls.optional}.items():
            if key not in config:
                if key in cls.required:
                    found.append(
                        describe(
                            f"provider {cls.name!r} needs key {key!r}",
                            field=SETTING,
                            expected=meaning,
                        )
                    )
                continue
            try:
                cls.check_value(key, config[key])
            except ValueError as exc:
                found.append(
                    describe(
                        f"provider {cls.name!r}: invalid {key!r}",
                        field=SETTING,
                        value=config[key],
                        expected=str(exc) or meaning,
                    )
                )
        return found

    @classmethod
    def check_value(cls, key: str, value) -> None:
        """Raise ValueError(expected) when ``value`` is wrong for ``key``."""
        if key in cls.checks:
            cls.checks[key](value)
            return
        try:
            _text(value)
        except ValueError:
            raise ValueError(f"a non-empty string ({cls.all_keys()[key]})") from None

    @classmethod
    def all_keys(cls) -> dict[str, str]:
        return {**COMMON_KEYS, **cls.required, **cls.optional}

    # --- the form -------------------------------------------------------------

    def key(self, name: str, default=None):
        value = self.config.get(name, default)
        return str(value).strip() if isinstance(value, (str, int)) else value

    def action(self) -> str:
        raise NotImplementedError

    def method(self) -> str:
        return "post"

    def honeypot(self) -> str | None:
        return None

    def redirect_fields(self, thank_you: str, page_url: str, page_title: str):
        """Hidden fields that send the visitor to the thank-you page."""
        return []

    def form(
        self, *, paper: str, page_url: str, page_title: str, thank_you: str
    ) -> FormSpec:
        hidden = [
            (self.key("paper_field", self.paper_field), paper),
            (self.key("page_field", self.page_field), page_url),
        ]
        hidden += self.redirect_fields(thank_you, page_url, page_title)
        hidden += [(str(k), str(v)) for k, v in sorted(self.key("hidden", {}).items())]
        return FormSpec(
            action=self.action(),
            method=self.method(),
            email_field=self.email_field,
            consent_field=self.key("consent_field", self.consent_field),
            honeypot=self.honeypot(),
            hidden=tuple((k, v) for k, v in hidden if k),
        )


_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_GUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def _matching(pattern: re.Pattern, expected: str):
    def check(value) -> None:
        try:
            text = _text(value)
        except ValueError:
            raise ValueError(expected) from None
        if not pattern.match(text):
            raise ValueError(expected)

    return check


def _https_url(value) -> str:
    try:
        text = _text(value)
    except ValueError:
        raise ValueError("an https:// URL") from None
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError("an https:// URL")
    return text


class Formspree(Provider):
    name = "formspree"
    title = "Formspree"
    required = {
        "form_id": "the form's id, the part after /f/ in its endpoint https://formspree.io/f/<form_id>",
    }
    optional = {
        "subject": "subject of the notification e-mail (default: 'White paper: <title>')",
        "redirect_in_form": "True (default): send `_next`; False: the redirect is set in Formspree's form settings",
    }
    checks = {
        "form_id": _matching(
            _ID, "letters and digits only, e.g. 'xbjnqkzd' (not the whole URL)"
        ),
        "redirect_in_form": _bool,
    }
    redirect_setting = "the form's settings in Formspree (Redirect URL)"
    form_sends_redirect = "the form sends it in its `_next` field"

    def action(self) -> str:
        return f"https://formspree.io/f/{quote(self.key('form_id'), safe='')}"

    def honeypot(self) -> str:
        return "_gotcha"

    def redirect_fields(self, thank_you, page_url, page_title):
        fields = [("_subject", self.key("subject") or f"White paper: {page_title}")]
        if self.config.get("redirect_in_form", True):
            fields.append(("_next", thank_you))
        return fields


_MAILCHIMP_ACTION = "the form's action URL from Mailchimp's embed code, https://<dc>.list-manage.com/subscribe/post?u=<u>&id=<id>"


def _mailchimp_action(value) -> None:
    try:
        url = html.unescape(_https_url(value))  # pasted from the embed's HTML
    except ValueError:
        raise ValueError(_MAILCHIMP_ACTION) from None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if not (parts.hostname or "").endswith(".list-manage.com") or not (
        query.get("u") and query.get("id")
    ):
        raise ValueError(_MAILCHIMP_ACTION)


class Mailchimp(Provider):
    name = "mailchimp"
    title = "Mailchimp"
    required = {"action_url": _MAILCHIMP_ACTION}
    checks = {"action_url": _mailchimp_action}
    email_field = "EMAIL"
    paper_field = "PAPER"
    page_field = "PAGE"
    consent_field = "MARKETING"
    redirect_setting = "Mailchimp's audience settings: Signup forms > Form builder > Signup thank you page > 'send subscribers to another URL'"

    def action(self) -> str:
        return html.unescape(self.key("action_url"))

    def honeypot(self) -> str:
        # Mailchimp's embed code names its bot trap b_<u>_<id>; it must stay empty.
        query = parse_qs(urlsplit(self.action()).query)
        return f"b_{query['u'][0]}_{query['id'][0]}"


class Kit(Provider):
    name = "kit"
    title = "Kit"
    required = {
        "form_id": "the number of the Kit (ConvertKit) form, from its embed code"
    }
    email_field = "email_address"
    paper_field = "fields[paper]"
    page_field = "fields[page]"
    consent_field = "fields[marketing_consent]"
    checks = {"form_id": _matching(_DIGITS, "digits only, e.g. '1234567'")}
    redirect_setting = (
        "the Kit form's settings: Incentive > 'redirect to URL' after confirming"
    )

    def action(self) -> str:
        return f"https://app.kit.com/forms/{self.key('form_id')}/subscriptions"


class Buttondown(Provider):
    name = "buttondown"
    title = "Buttondown"
    required = {"username": "the newsletter's Buttondown username"}
    optional = {"tag": "tag given to every subscriber from this form"}
    paper_field = "metadata__paper"
    page_field = "metadata__page"
    consent_field = "metadata__marketing_consent"
    checks = {"username": _matching(_ID, "the username only, e.g. 'harbourheating'")}
    redirect_setting = (
        "Buttondown's settings: Subscribing > custom confirmation redirect URL"
    )

    def action(self) -> str:
        return (
            f"https://buttondown.com/api/emails/embed-subscribe/{self.key('username')}"
        )

    def redirect_fields(self, thank_you, page_url, page_title):
        # embed=1 as in Buttondown's own embed code: the post comes from a form
        # on another site, so Buttondown answers with its confirmation page.
        tag = self.key("tag")
        return [("embed", "1")] + ([("tag", tag)] if tag else [])


class HubSpot(Provider):
    name = "hubspot"
    title = "HubSpot"
    required = {
        "portal_id": "the HubSpot account (portal) id, digits",
        "form_guid": "the form's GUID, e.g. 78c2891f-ebdd-44c0-bd94-15c012bbbfbf",
    }
    optional = {
        "action_url": "another submission endpoint (e.g. for an EU data centre account)",
        "redirect_in_form": "True (default): the thank-you URL goes in hs_context; False: the form's own redirect is used",
    }
    checks = {
        "portal_id": _matching(_DIGITS, "digits only, e.g. '62515'"),
        "form_guid": _matching(_GUID, required["form_guid"]),
        "action_url": _https_url,
        "redirect_in_form": _bool,
    }
    redirect_setting = "the HubSpot form's options (Redirect to another page)"
    form_sends_redirect = "the form sends it as redirectUrl in hs_context"

    def action(self) -> str:
        # The form-encoded submission endpoint: a plain HTML form can post to it
        # (the JSON v3 endpoint needs JavaScript).
        return self.key("action_url") or (
            "https://forms.hubspot.com/uploads/form/v2/"
            f"{self.key('portal_id')}/{self.key('form_guid')}"
        )

    def redirect_fields(self, thank_you, page_url, page_title):
        context = {"pageName": page_title, "pageUrl": page_url}
        if self.config.get("redirect_in_form", True):
            context["redirectUrl"] = thank_you
        return [("hs_context", json.dumps(context, sort_keys=True))]


def _form_method(value) -> None:
    if not isinstance(value, str) or value.lower() not in ("post", "get"):
        raise ValueError("'post' or 'get'")


class Custom(Provider):
    name = "custom"
    title = "custom form endpoint"
    required = {
        "action_url": "the URL the form posts to",
        "email_field": "the name of the e-mail field the endpoint expects",
        "method": "'post' or 'get'",
    }
    optional = {
        "honeypot_field": "name of a field the endpoint treats as a bot trap (must stay empty)",
        "next_field": "name of the field that carries the redirect URL (e.g. 'redirect')",
    }
    checks = {"action_url": _https_url, "method": _form_method}
    redirect_setting = "the endpoint's redirect setting"

    def action(self) -> str:
        return self.key("action_url")

    def method(self) -> str:
        return self.key("method").lower()

    @property
    def email_field(self) -> str:  # type: ignore[override]
        return self.key("email_field")

    def honeypot(self) -> str | None:
        return self.key("honeypot_field")

    def redirect_fields(self, thank_you, page_url, page_title):
        name = self.key("next_field")
        return [(name, thank_you)] if name else []

    def redirect_instructions(self) -> str:
        if self.key("next_field"):
            return f"nothing to paste: the form sends it in its {self.key('next_field')!r} field"
        return super().redirect_instructions()


PROVIDERS: dict[str, type[Provider]] = {
    cls.name: cls for cls in (Formspree, Mailchimp, Kit, Buttondown, HubSpot, Custom)
}


def config_problems(config) -> list[str]:
    """Every problem of a ``PULLMARKETING_GATE`` value, one line each."""
    if not isinstance(config, dict):
        return [
            describe("invalid value", field=SETTING, value=config, expected="a dict")
        ]
    name = config.get("provider")
    if not isinstance(name, str) or name not in PROVIDERS:
        return [
            describe(
                "unknown or missing 'provider'",
                field=SETTING,
                value=name,
                expected="one of " + ", ".join(repr(p) for p in PROVIDERS),
            )
        ]
    cls = PROVIDERS[name]
    found = cls.problems(config)
    delivery = config.get("delivery", "page")
    if not isinstance(delivery, str) or delivery not in DELIVERIES:
        found.append(
            describe(
                "invalid 'delivery'",
                field=SETTING,
                value=config.get("delivery"),
                expected="'page' or 'email'",
            )
        )
    hidden = config.get("hidden", {})
    if not isinstance(hidden, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in hidden.items()
    ):
        found.append(
            describe(
                "invalid 'hidden'",
                field=SETTING,
                value=hidden,
                expected="a dict of field name -> value (strings)",
            )
        )
    for key in ("paper_field", "page_field", "consent_field"):
        if key in config and not (isinstance(config[key], str) and config[key].strip()):
            found.append(
                describe(
                    f"invalid {key!r}",
                    field=SETTING,
                    value=config[key],
                    expected="a field name",
                )
            )
    known = cls.all_keys()
    for key in sorted(k for k in config if k not in known):
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.7)
        found.append(
            describe(
                f"provider {name!r} has no key {key!r}"
                + (f"; did you mean {close[0]!r}?" if close else ""),
                field=SETTING,
                expected="one of " + ", ".join(repr(k) for k in known),
            )
        )
    return found


def provider_for(config: dict) -> Provider:
    """The provider of a checked ``PULLMARKETING_GATE``; raises SettingsError."""
    found = config_problems(config)
    if found:
        raise InvalidSettings("invalid white-paper gate settings:", found)
    return PROVIDERS[config["provider"]](config)


def delivery(config: dict) -> str:
    return config.get("delivery", "page")
