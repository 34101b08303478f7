"""Bad gate settings and metadata stop the build with one clear message (no
traceback, nothing written)."""

from __future__ import annotations

import pytest
from gates_support import PROVIDER_CONFIGS

from pelican_pullmarketing.errors import BuildFailed
from pelican_pullmarketing.gates import providers

REQUIRED = [
    (name, key) for name, cls in providers.PROVIDERS.items() for key in cls.required()
]


def failing_build(gated, **kw) -> str:
    with pytest.raises(BuildFailed) as caught:
        gated.build(**kw)
    assert not (gated.site.output / "heat-pump-guide.html").exists()
    return str(caught.value)


@pytest.mark.parametrize("provider,key", REQUIRED)
def test_missing_key_names_the_provider_and_the_key(gated, provider, key):
    gated.landing()
    config = {k: v for k, v in PROVIDER_CONFIGS[provider].items() if k != key}
    message = failing_build(gated, gate=config)
    assert (
        f"PULLMARKETING_GATE['{key}']: missing key for provider '{provider}'" in message
    )


@pytest.mark.parametrize(
    "config,expected",
    [
        ({"provider": "typeform"}, "unknown or missing 'provider'"),
        ({"form_id": "abc"}, "unknown or missing 'provider'"),
        ({"provider": ["formspree"]}, "unknown or missing 'provider'"),
        (
            {"provider": "formspree", "form_id": "abc", "delivery": ["page"]},
            "PULLMARKETING_GATE['delivery']: invalid value",
        ),
        (
            {"provider": "formspree", "form_id": "https://formspree.io/f/abc"},
            "PULLMARKETING_GATE['form_id']: invalid value",
        ),
        (
            {"provider": "formspree", "form_id": "abc", "delivery": "post"},
            "PULLMARKETING_GATE['delivery']: invalid value",
        ),
        (
            {"provider": "formspree", "form_id": "abc", "from_id": "x"},
            "did you mean 'form_id'?",
        ),
        (
            {"provider": "mailchimp", "action_url": "https://example.com/subscribe"},
            "PULLMARKETING_GATE['action_url']: invalid value",
        ),
        (
            {"provider": "hubspot", "portal_id": "62515", "form_guid": "nope"},
            "PULLMARKETING_GATE['form_guid']: invalid value",
        ),
        (
            {
                "provider": "custom",
                "action_url": "https://x.example/f",
                "email_field": "email",
                "method": "put",
            },
            "PULLMARKETING_GATE['method']: invalid value",
        ),
    ],
)
def test_invalid_gate_settings(gated, config, expected):
    gated.landing()
    assert expected in failing_build(gated, gate=config)


def test_gated_file_not_found_names_document_and_field(gated):
    gated.landing(gated_file="papers/missing.pdf")
    message = failing_build(gated)
    assert "heat-pump-guide.md" in message
    assert "gated_file" in message and "papers/missing.pdf" in message


def test_gated_file_without_a_provider(gated):
    gated.landing()
    message = failing_build(gated, gate={}, PULLMARKETING_GATE=None)
    assert "gated_file" in message and "PULLMARKETING_GATE" in message


def test_gated_file_without_a_privacy_page(gated):
    gated.landing()
    message = failing_build(gated, PULLMARKETING_PRIVACY_URL=None)
    assert "PULLMARKETING_PRIVACY_URL" in message


def test_missing_cover(gated):
    gated.landing(gate_cover="images/none.png")
    message = failing_build(gated)
    assert "gate_cover" in message and "images/none.png" in message


def test_gate_metadata_without_gated_file(gated):
    gated.site.article("plain", "Text.", gate_button="Get it")
    message = failing_build(gated)
    assert "gate_button" in message and "gated_file" in message


def test_one_file_gated_by_two_documents(gated):
    gated.landing()
    gated.landing("second-landing")
    message = failing_build(gated)
    assert "gated by two documents" in message


def test_path_outside_the_content_folder(gated):
    gated.landing(gated_file="../secret.pdf")
    (gated.site.root / "secret.pdf").write_bytes(b"%PDF outside")
    message = failing_build(gated)
    assert "leaves the content folder" in message
