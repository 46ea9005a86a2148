"""Seeded mail for one user: a few dozen hand-written messages of the last week or so that
look real in a demo and test a client, then months of generated ones (`mail_bulk`).

Deterministic for a given user and anchor time (a random generator seeded from the oid), and
placed relative to the anchor (the sandbox clock at reset). Among them: threads across Inbox
and Sent Items, newsletters with remote images and a tracking pixel, inline (cid:) images,
attachments, plain-text bodies, drafts, and hostile HTML (scripts, event handlers,
`javascript:` links, forms, frames, refresh and base tags) in Inbox and Junk Email.
Stable keys name the hand-written messages: `ids.message_id(oid, "itinerary")`. Inbox gets
the subfolders `mail_bulk` files into.
"""

import hashlib
import random

from ...directory.models import User
from .. import htmltext, ids
from ..models import Attachment, Mailbox, MailFolder, Message, Recipient
from . import files, mail_bulk
from . import mail_text as text
from .mail_spec import DOCX, PDF, PNG, XLSX, Spec
from .people import circle, recipient, service

FOLDERS = (("inbox", "Inbox"), ("drafts", "Drafts"), ("sentitems", "Sent Items"),
           ("deleteditems", "Deleted Items"), ("junkemail", "Junk Email"),
           ("archive", "Archive"), ("outbox", "Outbox"))
HOUR = 3600


def rng_for(oid: str) -> random.Random:
    """The generator for this user's seed data: same oid, same data."""
    seed = int.from_bytes(hashlib.sha256(oid.encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 - demo data, not secrets


def seed_mailbox(user: User, peers: list[User], anchor: float, time_zone: str) -> Mailbox:
    """A new mailbox for `user` with folders and seeded messages (calendars are added apart)."""
    mailbox = Mailbox(owner_oid=user.oid, time_zone=time_zone)
    root = ids.folder_id(user.oid, "msgfolderroot")
    for alias, name in FOLDERS:
        folder = MailFolder(ids.folder_id(user.oid, alias), name, root, well_known=alias)
        mailbox.folders[folder.id] = folder
    inbox = mailbox.folder("inbox")
    for name in mail_bulk.SUBFOLDERS:
        folder = MailFolder(ids.folder_id(user.oid, f"inbox/{name}"), name, inbox.id)
        mailbox.folders[folder.id] = folder
    rng = rng_for(user.oid)
    people = circle(user, peers)
    specs = _specs(user, people, rng) + mail_bulk.specs(user, people, rng_for(user.oid + "/bulk"))
    for spec in specs:
        message = _message(user, mailbox, spec, anchor, rng)
        mailbox.messages[message.id] = message
    return mailbox


def _specs(user: User, people: list[Recipient], rng: random.Random) -> list[Spec]:
    """Every seeded message of the mailbox, work or personal flavoured."""
    me = recipient(user)
    specs = _common(me, people, rng)
    specs += _thread(me, people[0], rng, work=not user.is_personal)
    specs += _notes(me, people, rng, work=not user.is_personal)
    specs += _own(me, people, rng)
    specs += _notifications(me, rng)
    if not user.is_personal:
        specs += _work_extras(me, people)
    return specs


def _common(me: Recipient, people: list[Recipient], rng: random.Random) -> list[Spec]:
    """Services, newsletters and hostile mail every mailbox gets."""
    them = people[1 % len(people)]
    return [
        Spec("newsletter", "inbox", "Winter collection: 20% off wooden trains",
             text.NEWSLETTER, service("tailspin"), [me], 5.5, is_read=False, inference="other"),
        Spec("itinerary", "inbox", "Your itinerary: Seattle, confirmation K7Q2LM",
             text.ITINERARY, service("fabrikam"), [me], 26, files=(
                 ("E-ticket K7Q2LM.pdf", PDF, 0, None, files.pdf(
                     "Fabrikam Travel e-ticket K7Q2LM", ("FT 214 departs 08:05, seat 14C",
                                                          "FT 219 departs 18:40, seat 9A"))),
                 ("fabrikam-logo.png", PNG, 0, "logo@fabrikam.com",
                  files.png(32, 12, (0, 120, 212))))),
        Spec("order", "inbox", "Order confirmation #NW-58213", text.ORDER,
             service("northwind"), [me], 49,
             files=(("banner.png", PNG, 24_980, "banner@northwindtraders.com"),)),
        Spec("statement", "inbox", "Your monthly statement is ready", text.STATEMENT,
             service("woodgrove"), [me], 75, files=(("Statement.pdf", PDF, 96_771, None),)),
        Spec("phishing", "junkemail", "Action required: your mailbox will be suspended",
             text.PHISHING, service("litware"), [me], 9, is_read=False, importance="high"),
        Spec("spam", "junkemail", "You won a Wingtip Toys gift card!!!",
             '<p>Claim your <b>$500</b> card now!</p><img src="https://img.wingtiptoys.com/'
             'card.gif" width="300">', service("wingtip"), [me], 60, is_read=False),
        Spec("hostile-invoice", "inbox", "Invoice 4471 overdue - final notice",
             text.HOSTILE_INVOICE, service("adatum"), [me], 3.2, is_read=False),
        Spec("hostile-share", "inbox", f"{them.name} shared \"Q4 plan\" with you",
             text.HOSTILE_SHARE.replace("{them}", them.name), service("proseware"), [me], 30,
             style=text.HOSTILE_STYLE),
        Spec("ski", "inbox", "Early-season rooms at Alpine Ski House",
             f'<img src="{text.REMOTE}/ski-lodge.jpg" width="600" alt="Lodge"><p>Book by '
             "Sunday for 15% off.</p>", service("alpine"), [me], 100 + rng.random() * 20,
             inference="other"),
        Spec("promo-old", "deleteditems", "Last chance: clearance sale",
             "<p>Everything must go.</p>", service("wingtip"), [me], 200),
        Spec("newsletter-old", "deleteditems", "Tailspin Toys: autumn catalogue",
             f'<img src="{text.REMOTE}/autumn.jpg" width="600" alt="">', service("tailspin"),
             [me], 320),
    ]


def _thread(me: Recipient, peer: Recipient, rng: random.Random, work: bool) -> list[Spec]:
    """A three-message thread: a question, the owner's reply in Sent Items, the answer."""
    if work:
        subject, ask, reply, final = ("Q3 budget review", text.BUDGET_ASK, text.BUDGET_REPLY,
                                      text.BUDGET_FINAL)
    else:
        subject, ask, reply, final = ("Friday dinner", text.PLANS_ASK, text.PLANS_REPLY,
                                      "<p>Booked for 7! See you there.</p><p>{them}</p>")
    started = 70 + rng.random() * 5
    files = (("Q3-budget-v2.xlsx", XLSX, 48_213, None),) if work else ()
    return [
        Spec("thread-1", "inbox", subject, ask, peer, [me], started, thread=subject),
        Spec("thread-2", "sentitems", f"RE: {subject}", reply, me, [peer], started - 2,
             thread=subject),
        Spec("thread-3", "inbox", f"RE: {subject}", final, peer, [me], started - 20,
             is_read=False, thread=subject, files=files, flag="flagged"),
    ]


def _notes(me: Recipient, people: list[Recipient], rng: random.Random,
           work: bool) -> list[Spec]:
    """Short notes from the owner's circle, some unread, one archived."""
    specs = []
    chosen = [n for n in text.NOTES if n[3] == work]
    for index, (key, subject, inner, _work) in enumerate(chosen):
        sender = people[(index + 1) % len(people)]
        hours = 0.4 if index == 0 else 6 + index * 19 + rng.random() * 10
        folder = "archive" if index == len(chosen) - 1 else "inbox"
        files = (("Roadmap draft.docx", DOCX, 71_004, None),) if key == "roadmap" else ()
        specs.append(Spec(f"note-{key}", folder, subject, inner, sender, [me], hours,
                          is_read=index % 3 != 0, files=files))
    return specs


def _own(me: Recipient, people: list[Recipient], rng: random.Random) -> list[Spec]:
    """What the owner wrote: sent mail and two drafts."""
    peer = people[-1]
    return [
        Spec("sent-1", "sentitems", "Slides for Tuesday", "<p>Here are the slides, "
             "{them}. Shout if anything is off.</p><p>{me}</p>", me, [peer], 28,
             files=(("Tuesday.pptx", "application/vnd.ms-powerpoint", 2_301_554, None),)),
        Spec("sent-2", "sentitems", "Thank you!", "<p>Thanks again for the help today, "
             "{them}!</p><p>{me}</p>", me, [people[0]], 53),
        Spec("draft-1", "drafts", "Ideas for the next team day", "<p>Some ideas so far:</p>"
             "<ul><li>Cooking class</li><li>Escape room</li></ul>", None, [people[0]], 4,
             is_draft=True),
        Spec("draft-2", "drafts", "", "<p>Hi {them},</p>", None, [people[1 % len(people)]],
             30 + rng.random(),
             is_draft=True),
    ]


def _notifications(me: Recipient, rng: random.Random) -> list[Spec]:
    """Automated mail spread over three weeks: receipts, shipping, digests, sign-in alerts."""
    specs = []
    for index, (key, subject, inner) in enumerate(text.NOTIFICATIONS):
        sender = service(text.NOTIFICATION_SENDERS[index % len(text.NOTIFICATION_SENDERS)])
        hours = 12 + index * 55 + rng.random() * 30
        specs.append(Spec(f"notice-{key}", "inbox", subject, inner, sender, [me], hours,
                          is_read=index % 4 != 1, inference="other"))
    return specs


def _work_extras(me: Recipient, people: list[Recipient]) -> list[Spec]:
    """Work-only mail: plain-text notes, an important flagged one, a cc'd announcement."""
    it_desk = Recipient("IT Service Desk", "itdesk@" + me.address.rsplit("@", 1)[-1])
    return [
        Spec("lunch", "inbox", "Lunch?", text.PLAIN_LUNCH, people[0], [me], 1.5,
             is_read=False, body_type="text"),
        Spec("password", "inbox", "Your password expires in 7 days", text.PLAIN_REMINDER,
             it_desk, [me], 40, body_type="text"),
        Spec("benefits", "inbox", "Action needed: benefits enrollment closes Friday",
             "<p>Hi {me},</p><p>Open enrollment closes <b>Friday at 5pm</b>. If you do "
             "nothing, last year's choices roll over.</p><p>{them}<br>People team</p>",
             people[min(2, len(people) - 1)], [me], 22, importance="high", flag="flagged"),
        Spec("announcement", "inbox", "New office opening in Lisbon",
             "<p>Team,</p><p>We're opening an office in <b>Lisbon</b> in March. Roles are on "
             "the careers page.</p><p>{them}</p>", people[-2], [me], 96,
             cc=people[:3]),
    ]


def _message(user: User, mailbox: Mailbox, spec: Spec, anchor: float,
             rng: random.Random) -> Message:
    """Turn a spec into a stored message."""
    own = spec.sender is None or spec.sender.address == user.mail
    them = (spec.to[0] if spec.to else None) if own else spec.sender
    first_name = them.name.split()[0] if them and them.name else ""
    inner = spec.inner.format_map({"me": user.given_name, "them": first_name})
    body = text.envelope(inner, spec.style) if spec.body_type == "html" else inner
    message_id = ids.message_id(user.oid, spec.key)
    received = round(anchor - spec.hours_ago * HOUR)
    domain = (spec.sender or recipient(user)).address.rsplit("@", 1)[-1]
    folder = mailbox.folder(spec.folder)
    if spec.subfolder is not None:
        folder = mailbox.folders[ids.folder_id(user.oid, f"inbox/{spec.subfolder}")]
    return Message(
        id=message_id, folder_id=folder.id, subject=spec.subject,
        body=body, body_type=spec.body_type, sender=spec.sender, to=list(spec.to),
        cc=list(spec.cc), received=received, sent=None if spec.is_draft else received - 7,
        conversation_id=ids.conversation_id(user.oid, spec.thread or spec.key),
        internet_message_id=ids.internet_message_id(domain, user.oid, spec.key),
        is_read=spec.is_read, is_draft=spec.is_draft, importance=spec.importance,
        flag=spec.flag, inference=spec.inference, preview=htmltext.preview(body, spec.body_type),
        attachments=[_attachment(message_id, i, item, received)
                     for i, item in enumerate(spec.files)],
    )


def _attachment(message_id: str, index: int, item: tuple, received: float) -> Attachment:
    """A seeded attachment from `(name, type, size, content id[, bytes])`."""
    name, kind, size, cid = item[:4]
    content = item[4] if len(item) > 4 else None
    return Attachment(ids.attachment_id(message_id, index), name, kind,
                      len(content) if content is not None else size, received,
                      is_inline=cid is not None, content_id=cid, content=content)
