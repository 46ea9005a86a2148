"""Words for the months of generated mail: topics, note templates, newsletter issues.

Bodies name no one (greetings are generic) so the same few hundred bodies recur across users
and resets, and the text conversions cached on a body (`htmltext.preview`) stay warm: seeding
hundreds of messages per mailbox then costs little more than building the records.
"""

from .mail_text import PIXEL_HOST, REMOTE

WORK_TOPICS = (
    "the pricing page", "the mobile release", "the partner portal", "Q1 hiring plan",
    "the customer survey", "the data migration", "the security review", "the sales kickoff",
    "the onboarding guide", "the support backlog", "the analytics dashboard",
    "the vendor contract", "the trade show booth", "the brand refresh", "the API docs",
    "the holiday schedule", "the office move", "the accessibility audit", "the beta program",
    "the billing change", "the training plan", "the warehouse pilot", "the renewal forecast",
    "the press release",
)
PERSONAL_TOPICS = (
    "the camping trip", "Saturday brunch", "the book swap", "the garden plans",
    "the concert tickets", "the running club", "the new apartment", "the pottery class",
    "the road trip", "movie night", "the cookout", "the wedding plans", "the puppy",
    "the ski weekend", "the bake sale", "the family reunion",
)
NOTE_TEMPLATES = (
    ("Update on {topic}", "<p>Hi,</p><p>Quick update on {topic}: we are on track for the "
     "date we agreed, with two small open questions I will bring to the next sync.</p>"
     "<p>Thanks!</p>"),
    ("Question about {topic}", "<p>Hi,</p><p>Do you have a minute this week to talk about "
     "{topic}? I want to make sure we agree on the scope before I go further.</p>"),
    ("Notes: {topic}", "<p>Notes from today:</p><ul><li>{topic}: agreed next steps</li>"
     "<li>Owners confirmed</li><li>Follow-up in two weeks</li></ul>"),
    ("Re-planning {topic}", "<p>Hello,</p><p>Given the new dates, I suggest we move "
     "{topic} by a week. Let me know if that causes trouble on your side.</p>"),
    ("Thanks for the help with {topic}", "<p>Just wanted to say thanks for jumping in on "
     "{topic}. It made a real difference.</p>"),
    ("Ideas for {topic}", "<p>A few ideas for {topic}:</p><ol><li>Start small</li>"
     "<li>Ask the people who will use it</li><li>Decide by Friday</li></ol>"),
)
THREAD_REPLIES = (
    "<p>Sounds good to me. Let's go with that.</p>",
    "<p>Thanks, I'll take a look today and come back to you.</p>",
    "<p>Agreed. I added two comments; nothing blocking.</p>",
    "<p>Could we push this to next week? I'm out on Thursday.</p>",
)
NEWSLETTER_SENDERS = ("tailspin", "lucerne", "alpine", "wingtip")
NEWSLETTER_TITLES = ("This week's picks", "New arrivals", "Members' offers", "The monthly digest",
                     "Last chance deals", "Stories we loved")
RECEIPT_SENDERS = ("northwind", "woodgrove")


def newsletter(sender: str, issue: int, title: str) -> str:
    """An HTML newsletter: a remote hero image, products, and a 1x1 tracking pixel."""
    return (f'<table width="600" align="center" role="presentation"><tr><td><img src="{REMOTE}/'
            f'{sender}-{issue}.jpg" width="600" height="220" alt="{title}"></td></tr><tr><td>'
            f'<h1 style="font-family:Georgia">{title}</h1><p>Issue {issue}: handpicked for '
            f'you, while stocks last.</p><p><a href="https://www.{sender}.example/issue/{issue}'
            f'?utm_source=email">Read online</a></p></td></tr></table><img src="{PIXEL_HOST}?m='
            f'{sender}-{issue}" width="1" height="1" alt="" style="display:block;border:0">')


def receipt(number: int) -> str:
    """A receipt with an order number."""
    return (f"<p>Thanks for your order <b>#{number}</b>.</p><p>Your receipt is attached as a "
            "PDF. Keep it for your records.</p>")


INVITE = ("<p>You're invited to a Microsoft Teams meeting about {topic}.</p><p>The invitation "
          "is attached; open it to add the meeting to your calendar.</p>")
PHOTOS = "<p>A few pictures from {topic}!</p><p>The best one is attached.</p>"
