"""Months of ordinary mail behind the hand-written messages: a few hundred per mailbox.

Generated from the user's oid (a generator of its own, so the hand-written seed keeps its
ids and times), all older than a week so the recent mail the demos and tests rely on stays on
top. Among them: notes from the user's circle, some in threads with the user's replies in Sent
Items (same `conversationId`, `RE:` subjects), newsletters with remote images and tracking
pixels (filed in Inbox/Newsletters), receipts with real PDFs (Inbox/Receipts), project mail
(Inbox/Projects), meeting invitations with `.ics` files, photos as PNG, unread and flagged ones.
"""

import random

from ...directory.models import User
from ..models import Recipient
from . import files
from . import mail_bulk_text as text
from .mail_spec import ICS, PDF, PNG, Spec
from .people import recipient, service

SUBFOLDERS = ("Projects", "Receipts", "Newsletters")
WORK_COUNT, PERSONAL_COUNT = 260, 200
OLDEST_HOURS, NEWEST_HOURS = 180 * 24, 7 * 24 + 1
KINDS = (("note", 46), ("thread", 12), ("newsletter", 22), ("receipt", 10), ("invite", 4),
         ("photos", 3), ("sent", 3))


def specs(user: User, people: list[Recipient], rng: random.Random) -> list[Spec]:
    """The generated messages of one mailbox."""
    me = recipient(user)
    topics = text.PERSONAL_TOPICS if user.is_personal else text.WORK_TOPICS
    count = PERSONAL_COUNT if user.is_personal else WORK_COUNT
    kinds, weights = zip(*KINDS, strict=True)
    result: list[Spec] = []
    index = 0
    while len(result) < count:
        hours = OLDEST_HOURS - (OLDEST_HOURS - NEWEST_HOURS) * len(result) / count
        kind = rng.choices(kinds, weights)[0]
        maker = MAKERS[kind]
        result += maker(f"bulk-{index}", me, people, topics, hours, rng)
        index += 1
    return result[:count]


def _unread(hours: float, rng: random.Random) -> bool:
    """Recent mail is more often unread: a quarter in the last month, a few percent before."""
    return rng.random() < (0.25 if hours < 30 * 24 else 0.03)


def _note(key, me, people, topics, hours, rng, folder="inbox") -> list[Spec]:
    """A note from someone in the user's circle (some in Inbox/Projects, a few flagged)."""
    subject, body = rng.choice(text.NOTE_TEMPLATES)
    topic = rng.choice(topics)
    sub = "Projects" if rng.random() < 0.3 else None
    return [Spec(key, folder, subject.format(topic=topic), body.format(topic=topic),
                 rng.choice(people), [me], hours, is_read=not _unread(hours, rng),
                 flag="flagged" if rng.random() < 0.06 else "notFlagged", subfolder=sub)]


def _thread(key, me, people, topics, hours, rng) -> list[Spec]:
    """Two to four messages: a question, the user's replies in Sent Items, the answers."""
    subject, body = rng.choice(text.NOTE_TEMPLATES)
    topic, peer = rng.choice(topics), rng.choice(people)
    subject = subject.format(topic=topic)
    first = Spec(f"{key}-0", "inbox", subject, body.format(topic=topic), peer, [me], hours,
                 thread=key)
    messages = [first]
    for step in range(1, rng.randint(2, 4)):
        mine = step % 2 == 1
        messages.append(Spec(
            f"{key}-{step}", "sentitems" if mine else "inbox", f"RE: {subject}",
            rng.choice(text.THREAD_REPLIES), me if mine else peer, [peer] if mine else [me],
            hours - step * rng.uniform(1, 20), thread=key,
            is_read=mine or not _unread(hours, rng)))
    return messages


def _newsletter(key, me, people, topics, hours, rng) -> list[Spec]:
    """A newsletter issue (HTML, remote images, a tracking pixel), mostly in Newsletters."""
    sender = rng.choice(text.NEWSLETTER_SENDERS)
    issue, title = rng.randint(1, 12), rng.choice(text.NEWSLETTER_TITLES)
    return [Spec(key, "inbox", f"{title} | issue {issue}", text.newsletter(sender, issue, title),
                 service(sender), [me], hours, is_read=not _unread(hours, rng),
                 inference="other", subfolder="Newsletters" if rng.random() < 0.7 else None)]


def _receipt(key, me, people, topics, hours, rng) -> list[Spec]:
    """A receipt with a real one-page PDF, filed in Inbox/Receipts."""
    number = rng.randint(10, 99) * 1000 + 213
    sender = rng.choice(text.RECEIPT_SENDERS)
    pdf = files.pdf(f"Receipt #{number}", ("Thank you for your order.",))
    return [Spec(key, "inbox", f"Your receipt #{number}", text.receipt(number), service(sender),
                 [me], hours, inference="other", subfolder="Receipts",
                 files=((f"Receipt-{number}.pdf", PDF, 0, None, pdf),))]


def _invite(key, me, people, topics, hours, rng) -> list[Spec]:
    """A meeting invitation with its `.ics` file."""
    topic, organizer = rng.choice(topics), rng.choice(people)
    stamp = f"20{26 + int(hours) % 2}{1 + int(hours) % 12:02d}{1 + int(hours) % 27:02d}"
    invite = files.ics(f"{key}@sandbox", f"Sync: {topic}", f"{stamp}T160000Z",
                       f"{stamp}T163000Z", organizer.address, me.address)
    return [Spec(key, "inbox", f"Invitation: Sync on {topic}", text.INVITE.format(topic=topic),
                 organizer, [me], hours, is_read=not _unread(hours, rng),
                 files=(("invite.ics", ICS, 0, None, invite),))]


def _photos(key, me, people, topics, hours, rng) -> list[Spec]:
    """Photos as a PNG attachment."""
    topic = rng.choice(topics)
    colour = rng.choice(((0, 120, 212), (16, 124, 16), (216, 59, 1)))
    return [Spec(key, "inbox", f"Pictures from {topic}", text.PHOTOS.format(topic=topic),
                 rng.choice(people), [me], hours,
                 files=(("photo.png", PNG, 0, None, files.png(48, 32, colour)),))]


def _sent(key, me, people, topics, hours, rng) -> list[Spec]:
    """Something the user wrote."""
    subject, body = rng.choice(text.NOTE_TEMPLATES)
    topic, peer = rng.choice(topics), rng.choice(people)
    return [Spec(key, "sentitems", subject.format(topic=topic), body.format(topic=topic), me,
                 [peer], hours)]


MAKERS = {"note": _note, "thread": _thread, "newsletter": _newsletter, "receipt": _receipt,
          "invite": _invite, "photos": _photos, "sent": _sent}
