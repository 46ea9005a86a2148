"""Buttons filled with the brand colour keep readable text whatever colour an integrator picks."""

from __future__ import annotations

import pytest

from postpress_whitelabel.settings.branding import DARK_INK, ink_for


@pytest.mark.parametrize("color,ink", [
    ("#2b5ce6", "#ffffff"),  # the default blue
    ("#7a2e8e", "#ffffff"),
    ("#000000", "#ffffff"),
    ("#ffd700", DARK_INK),  # gold: white on it reads at 1.4:1
    ("#8fd3ff", DARK_INK),
    ("#FFFFFF", DARK_INK),
])
def test_ink_for_a_brand_colour(color, ink):
    assert ink_for(color) == ink


def test_the_stylesheet_names_the_ink(make_app):
    client = make_app(BRAND_COLOR="#ffd700").test_client()
    assert f"--brand-ink: {DARK_INK}" in client.get("/branding.css").text
