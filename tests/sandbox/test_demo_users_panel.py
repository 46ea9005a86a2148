"""The account picker's "Demo users" panel: which demo user shows which consent policy, kept
apart from the imitation of Microsoft's card and true to the directory as it is now."""

import html
import re

from microsoft_sandbox.directory import seed
from microsoft_sandbox.directory.models import ConsentPolicy

TENANTS = ["Contoso", "Microsoft Accounts", "Fabrikam", "Northwind Traders", "Tailspin Toys",
           "Proseware"]


def _panel(page) -> dict[str, str]:
    """The panel's words per directory; it must sit after Microsoft's card, not in it."""
    start = page.text.index('<aside class="demo-users"')
    assert start > page.text.index("</main>")
    words = html.unescape(re.sub(r"<[^>]+>", " ", page.text[start:page.text.index("</aside>")]))
    words = " ".join(words.split())
    assert words.startswith("Demo users Added by the sandbox")
    cuts = [words.index(name) for name in TENANTS] + [len(words)]
    return {name: words[cuts[i]:cuts[i + 1]] for i, name in enumerate(TENANTS)}


def test_the_picker_says_who_shows_each_policy(agent):
    panel = _panel(agent.authorize())
    assert "Users may consent" in panel["Contoso"] and "Megan (admin), Adele" in panel["Contoso"]
    assert "Admin approval required" in panel["Fabrikam"]
    assert "Alex (admin), Diego" in panel["Fabrikam"]
    assert "Admin consent workflow" in panel["Northwind Traders"]
    assert "Isaiah (admin), Johanna, Lee" in panel["Northwind Traders"]
    assert "Risk-based step-up" in panel["Tailspin Toys"]
    assert "Nestor (admin), Lynne" in panel["Tailspin Toys"]
    assert "Personal Microsoft account" in panel["Microsoft Accounts"]
    assert panel["Microsoft Accounts"].endswith(" Sam ")
    assert "Patti (admin)" in panel["Proseware"]


def test_the_panel_follows_a_policy_changed_in_the_portal(agent, sandbox):
    sandbox.set_consent_policy(seed.FABRIKAM_TENANT_ID, ConsentPolicy.USER_CONSENT_ALLOWED)
    fabrikam = _panel(agent.authorize())["Fabrikam"]
    assert "Users may consent" in fabrikam and "Admin approval required" not in fabrikam


def test_the_panel_never_repeats_a_full_name(agent):
    """People are named in full once, in Microsoft's list: the panel uses first names, so a
    browser test looking for "Adele Vance" still finds one account to click."""
    panel = " ".join(_panel(agent.authorize()).values())
    for user in seed.seed_users().values():
        assert user.display_name not in panel

