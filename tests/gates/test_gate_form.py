"""The form on the landing page, per provider: what a browser without
JavaScript submits, parsed from the built page."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from gates_support import PROVIDER_CONFIGS

LANDING_URL = "https://example.com/heat-pump-guide.html"

# Spec of each provider (reference.md, "Form providers for gates"):
# action, method, e-mail field, honeypot, hidden paper/page field names.
EXPECTED = {
    "formspree": (
        "https://formspree.io/f/xbjnqkzd",
        "post",
        "email",
        "_gotcha",
        ("paper", "page"),
    ),
    "mailchimp": (
        PROVIDER_CONFIGS["mailchimp"]["action_url"],
        "post",
        "EMAIL",
        "b_4f1b2c3d_9a8b7c6d5e",
        ("PAPER", "PAGE"),
    ),
    "kit": (
        "https://app.kit.com/forms/1234567/subscriptions",
        "post",
        "email_address",
        None,
        ("fields[paper]", "fields[page]"),
    ),
    "buttondown": (
        "https://buttondown.com/api/emails/embed-subscribe/harbourheating",
        "post",
        "email",
        None,
        ("metadata__paper", "metadata__page"),
    ),
    "hubspot": (
        "https://forms.hubspot.com/uploads/form/v2/62515/78c2891f-ebdd-44c0-bd94-15c012bbbfbf",
        "post",
        "email",
        None,
        ("paper", "page"),
    ),
    "custom": (
        "https://forms.example.net/submit",
        "post",
        "contact_email",
        "website",
        ("paper", "page"),
    ),
}


def hidden_fields(form) -> dict[str, str]:
    return {
        i["name"]: i.get("value", "")
        for i in form.find_all("input", attrs={"type": "hidden"})
    }


@pytest.mark.parametrize("provider", sorted(EXPECTED))
def test_form_posts_to_the_provider_with_its_fields(gated, provider):
    gated.landing()
    out = gated.build(provider)
    form = gated.form(out)
    action, method, email_name, honeypot, (paper_field, page_field) = EXPECTED[provider]
    assert form["action"] == action
    assert form["method"] == method

    email = form.find("input", attrs={"type": "email"})
    assert email["name"] == email_name
    assert email.has_attr("required")
    assert email["autocomplete"] == "email"
    label = form.find("label", attrs={"for": email["id"]})
    assert label is not None and label.get_text(strip=True)

    hidden = hidden_fields(form)
    assert hidden[paper_field] == "Heat Pump Guide"
    assert hidden[page_field] == LANDING_URL

    if honeypot:
        trap = form.find("input", attrs={"name": honeypot})
        assert trap is not None, f"{provider}: honeypot {honeypot} missing"
        assert trap.get("value", "") == ""
        assert trap["tabindex"] == "-1"
        assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None
    # Works without JavaScript: a real submit button, no scripts or handlers.
    assert form.find("button", attrs={"type": "submit"}) is not None
    assert form.find("script") is None
    assert not any(
        attr.startswith("on") for tag in form.find_all(True) for attr in tag.attrs
    )


@pytest.mark.parametrize("provider", sorted(EXPECTED))
def test_consent_is_separate_unticked_optional_and_links_privacy(gated, provider):
    gated.landing()
    out = gated.build(provider)
    form = gated.form(out)
    boxes = form.find_all("input", attrs={"type": "checkbox"})
    assert len(boxes) == 1
    box = boxes[0]
    assert not box.has_attr("checked")
    assert not box.has_attr("required")
    assert box["name"] != form.find("input", attrs={"type": "email"})["name"]
    assert form.find("label", attrs={"for": box["id"]}).get_text(strip=True)
    privacy = [a["href"] for a in form.find_all("a")]
    assert "https://example.com/privacy/" in privacy


def test_buttondown_form_says_it_is_embedded_and_carries_the_tag(gated):
    gated.landing()
    config = dict(PROVIDER_CONFIGS["buttondown"], tag="heat-pump-guide")
    hidden = hidden_fields(gated.form(gated.build("buttondown", gate=config)))
    assert hidden["embed"] == "1"
    assert hidden["tag"] == "heat-pump-guide"


def test_formspree_next_is_the_absolute_thank_you_url_that_exists(gated):
    gated.landing()
    out = gated.build("formspree")
    hidden = hidden_fields(gated.form(out))
    (token_dir,) = gated.token_dirs(out)
    assert hidden["_next"] == f"https://example.com/downloads/{token_dir.name}/"
    assert (token_dir / "index.html").is_file()
    assert hidden["_subject"]


def test_formspree_without_next_when_the_redirect_is_set_in_formspree(gated):
    gated.landing()
    out = gated.build(gate={**PROVIDER_CONFIGS["formspree"], "redirect_in_form": False})
    assert "_next" not in hidden_fields(gated.form(out))


def test_hubspot_context_names_the_page_and_redirect(gated):
    gated.landing()
    out = gated.build("hubspot")
    context = json.loads(hidden_fields(gated.form(out))["hs_context"])
    (token_dir,) = gated.token_dirs(out)
    assert context["pageUrl"] == LANDING_URL
    assert context["pageName"] == "Heat Pump Guide"
    assert context["redirectUrl"] == f"https://example.com/downloads/{token_dir.name}/"


def test_mailchimp_honeypot_follows_the_embed_code_ids(gated):
    url = "https://firm.us1.list-manage.com/subscribe/post?u=aaa111&amp;id=bbb222&amp;f_id=00c"
    gated.landing()
    out = gated.build(gate={"provider": "mailchimp", "action_url": url})
    form = gated.form(out)
    query = parse_qs(urlsplit(form["action"]).query)
    assert query["u"] == ["aaa111"] and query["id"] == ["bbb222"]
    assert form.find("input", attrs={"name": "b_aaa111_bbb222"}) is not None


def test_cms_fields_texts_and_extra_hidden_fields_are_configurable(gated):
    gated.landing(gate_button="Send me the free guide")
    out = gated.build(
        gate={
            **PROVIDER_CONFIGS["formspree"],
            "paper_field": "white_paper",
            "page_field": "landing_page",
            "consent_field": "newsletter_ok",
            "hidden": {"campaign": "spring"},
        }
    )
    form = gated.form(out)
    hidden = hidden_fields(form)
    assert hidden["white_paper"] == "Heat Pump Guide"
    assert hidden["landing_page"] == LANDING_URL
    assert hidden["campaign"] == "spring"
    assert form.find("input", attrs={"type": "checkbox"})["name"] == "newsletter_ok"
    assert form.find("button").get_text(strip=True) == "Send me the free guide"


def test_form_is_on_pages_too(gated):
    gated.site.page(
        "guide", "Get the guide.", gated_file="papers/guide.pdf", title="The Guide"
    )
    out = gated.build()
    form = gated.form(out, "pages/guide.html")
    assert hidden_fields(form)["page"] == "https://example.com/pages/guide.html"
