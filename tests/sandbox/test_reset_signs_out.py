"""A reset of the sandbox to its seed (between two demos) signs every browser out of it."""

from microsoft_sandbox.directory import seed


def test_a_reset_signs_every_browser_out(agent, sandbox):
    """Between two demos the next presenter meets the account picker, not the last person."""
    agent.sign_in(seed.CONTOSO_ADMIN_OID)
    again = agent.authorize()
    assert again.status_code == 302  # single sign-on: straight back to the app
    sandbox.reset()
    page = agent.authorize()
    assert page.status_code == 200 and "<h1>Sign in</h1>" in page.text
    assert 'checked' not in page.text.split('id="account-picker"')[1].split("</fieldset>")[0]
