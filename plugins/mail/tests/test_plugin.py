"""The plugin's contributions to the app: its permissions with their reasons (in Settings and
at sign-in), the top-bar link, and a page for a user with no Microsoft account."""

from urllib.parse import parse_qs, urlsplit

MEGAN = "MeganB@contoso.com"  # a Contoso global admin


def test_settings_lists_each_mail_permission_with_its_reason(make_app, sign_in):
    app = make_app(plugins=["mail"], ADMIN_EMAILS=[MEGAN])
    admin = sign_in(MEGAN, app=app)
    page = admin.get("/settings/").get_data(as_text=True)
    for scope, reason in (("Mail.Read", "Show your folders and messages"),
                          ("Mail.ReadWrite", "Mark messages read or unread"),
                          ("Mail.Send", "Send the messages, replies and forwards"),
                          ("MailboxSettings.Read", "Show message times in your mailbox")):
        assert scope in page and reason in page, scope


def test_sign_in_asks_for_the_mail_permissions(app, journey):
    asked = parse_qs(urlsplit(journey.start()).query)["scope"][0].split()
    for name in ("Mail.Read", "Mail.ReadWrite", "Mail.Send", "MailboxSettings.Read"):
        assert name in asked or f"https://graph.microsoft.com/{name}" in asked, name


def test_the_top_bar_links_to_mail_once_signed_in(adele, client):
    assert '<a href="/mail/">Mail</a>' in adele.get("/").get_data(as_text=True)
    assert '<a href="/mail/">Mail</a>' not in client.get("/login").get_data(as_text=True)
