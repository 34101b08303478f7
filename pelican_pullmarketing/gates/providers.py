"""Form providers of white-paper gates: one small class each, saying where the
form posts, how, under which field names, and which honeypot the provider
checks. The keys each provider accepts are declared in the settings schema
(``settings.GATE_PROVIDERS``), which checks them; ``provider_for(config)``
returns the provider of a ``PULLMARKETING_GATE`` value.

A static site has no server, so the form posts straight to the provider; the
provider (or its autoresponder) then redirects to the thank-you page or e-mails
the file. Nothing here needs JavaScript.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qs, quote, urlsplit

from .. import i18n
from .. import settings as schema

SETTING = "PULLMARKETING_GATE"


@dataclass(frozen=True)
class FormSpec:
    """Everything the form template needs: no provider logic in templates."""

    action: str
    method: str
    email_field: str
    consent_field: str
    honeypot: str | None = None
    hidden: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class Provider:
    name: ClassVar[str]
    title: ClassVar[str]
    email_field: ClassVar[str] = "email"
    paper_field: ClassVar[str] = "paper"
    page_field: ClassVar[str] = "page"
    consent_field: ClassVar[str] = "marketing_consent"
    # Where the marketer sets "redirect after submit" (shown by `gates list`).
    redirect_setting: ClassVar[str] = "the form's redirect setting"
    # How the form itself sends the thank-you URL unless `redirect_in_form` is False.
    form_sends_redirect: ClassVar[str | None] = None

    @classmethod
    def required(cls) -> list[str]:
        """The keys this provider needs besides ``provider`` (the schema's)."""
        keys = schema.GATE_PROVIDERS[cls.name].required
        return [k for k in keys if k != "provider"]

    def __init__(self, config: dict):
        self.config = config

    def redirect_instructions(self) -> str:
        if self.form_sends_redirect and self.config.get("redirect_in_form", True):
            return f"nothing to paste: {self.form_sends_redirect}"
        return f"paste the thank-you URL into {self.redirect_setting}"

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

    def redirect_fields(
        self, thank_you: str, page_url: str, page_title: str, lang: str | None = None
    ):
        """Hidden fields that send the visitor to the thank-you page, and
        what else the provider reads from the form (the subject of the
        owner's notification e-mail, in ``lang``: the site's language)."""
        return []

    def form(
        self,
        *,
        paper: str,
        page_url: str,
        page_title: str,
        thank_you: str,
        lang: str | None = None,
    ) -> FormSpec:
        hidden = [
            (self.key("paper_field", self.paper_field), paper),
            (self.key("page_field", self.page_field), page_url),
        ]
        hidden += self.redirect_fields(thank_you, page_url, page_title, lang)
        hidden += [(str(k), str(v)) for k, v in sorted(self.key("hidden", {}).items())]
        return FormSpec(
            action=self.action(),
            method=self.method(),
            email_field=self.email_field,
            consent_field=self.key("consent_field", self.consent_field),
            honeypot=self.honeypot(),
            hidden=tuple((k, v) for k, v in hidden if k),
        )


class Formspree(Provider):
    name = "formspree"
    title = "Formspree"
    redirect_setting = "the form's settings in Formspree (Redirect URL)"
    form_sends_redirect = "the form sends it in its `_next` field"

    def action(self) -> str:
        return f"https://formspree.io/f/{quote(self.key('form_id'), safe='')}"

    def honeypot(self) -> str:
        return "_gotcha"

    def redirect_fields(self, thank_you, page_url, page_title, lang=None):
        subject = self.key("subject")
        if not subject:
            _ = i18n.gettext_for(lang)
            # Translators: the subject of the e-mail the form provider sends
            # the site's owner when a reader asks for a white paper.
            subject = _("White paper: {title}").format(title=page_title)
        fields = [("_subject", subject)]
        if self.config.get("redirect_in_form", True):
            fields.append(("_next", thank_you))
        return fields


class Mailchimp(Provider):
    name = "mailchimp"
    title = "Mailchimp"
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
    email_field = "email_address"
    paper_field = "fields[paper]"
    page_field = "fields[page]"
    consent_field = "fields[marketing_consent]"
    redirect_setting = (
        "the Kit form's settings: Incentive > 'redirect to URL' after confirming"
    )

    def action(self) -> str:
        return f"https://app.kit.com/forms/{self.key('form_id')}/subscriptions"


class Buttondown(Provider):
    name = "buttondown"
    title = "Buttondown"
    paper_field = "metadata__paper"
    page_field = "metadata__page"
    consent_field = "metadata__marketing_consent"
    redirect_setting = (
        "Buttondown's settings: Subscribing > custom confirmation redirect URL"
    )

    def action(self) -> str:
        return (
            f"https://buttondown.com/api/emails/embed-subscribe/{self.key('username')}"
        )

    def redirect_fields(self, thank_you, page_url, page_title, lang=None):
        # embed=1 as in Buttondown's own embed code: the post comes from a form
        # on another site, so Buttondown answers with its confirmation page.
        tag = self.key("tag")
        return [("embed", "1")] + ([("tag", tag)] if tag else [])


class HubSpot(Provider):
    name = "hubspot"
    title = "HubSpot"
    redirect_setting = "the HubSpot form's options (Redirect to another page)"
    form_sends_redirect = "the form sends it as redirectUrl in hs_context"

    def action(self) -> str:
        # The form-encoded submission endpoint: a plain HTML form can post to it
        # (the JSON v3 endpoint needs JavaScript).
        return self.key("action_url") or (
            "https://forms.hubspot.com/uploads/form/v2/"
            f"{self.key('portal_id')}/{self.key('form_guid')}"
        )

    def redirect_fields(self, thank_you, page_url, page_title, lang=None):
        context = {"pageName": page_title, "pageUrl": page_url}
        if self.config.get("redirect_in_form", True):
            context["redirectUrl"] = thank_you
        return [("hs_context", json.dumps(context, sort_keys=True))]


class Custom(Provider):
    name = "custom"
    title = "custom form endpoint"
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

    def redirect_fields(self, thank_you, page_url, page_title, lang=None):
        name = self.key("next_field")
        return [(name, thank_you)] if name else []

    def redirect_instructions(self) -> str:
        if self.key("next_field"):
            return f"nothing to paste: the form sends it in its {self.key('next_field')!r} field"
        return super().redirect_instructions()


PROVIDERS: dict[str, type[Provider]] = {
    cls.name: cls for cls in (Formspree, Mailchimp, Kit, Buttondown, HubSpot, Custom)
}


def provider_for(config: dict) -> Provider:
    """The provider of a ``PULLMARKETING_GATE`` value, checked by the schema;
    raises ``SettingsError`` listing every problem."""
    checked = schema.check_setting(SETTING, config)
    return PROVIDERS[checked["provider"]](checked)


def delivery(config: dict) -> str:
    return config.get("delivery", "page")
