"""The people seeded mail and meetings come from: colleagues, friends and outside senders.

Colleagues live on the user's own domain (the real seeded users of a tenant come first, then
these names, familiar from Microsoft's demo tenants); outside senders use the fictional
companies Microsoft's documentation uses. Nothing here is a real person's address.
"""

from ...directory.models import User
from ..models import Recipient

COLLEAGUE_NAMES = (
    ("Diego", "Siciliani", "HR Manager"),
    ("Lee", "Gu", "Director of Engineering"),
    ("Nestor", "Wilke", "Operations Director"),
    ("Patti", "Fernandez", "President"),
    ("Alex", "Wilber", "Marketing Assistant"),
    ("Johanna", "Lorenz", "Senior Engineer"),
    ("Lynne", "Robbins", "Planner"),
    ("Grady", "Archie", "Designer"),
    ("Isaiah", "Langer", "Sales Representative"),
    ("Pradeep", "Gupta", "Accountant"),
)

FRIEND_NAMES = (
    ("Jordan", "Lee", "outlook.com"),
    ("Priya", "Natarajan", "hotmail.com"),
    ("Ellen", "Taylor", "live.com"),
    ("Marcus", "Okafor", "outlook.com"),
    ("Sofia", "Marquez", "outlook.com"),
)

# key: (display name, address)
SERVICES = {
    "tailspin": ("Tailspin Toys", "news@tailspintoys.com"),
    "fabrikam": ("Fabrikam Travel", "itinerary@fabrikam.com"),
    "woodgrove": ("Woodgrove Bank", "statements@woodgrovebank.com"),
    "northwind": ("Northwind Traders", "orders@northwindtraders.com"),
    "litware": ("Litware Account Security", "no-reply@litware-secure-login.net"),
    "adatum": ("A. Datum Billing", "billing@adatum-invoices.net"),
    "proseware": ("Proseware Docs", "share@proseware-docs.net"),
    "lucerne": ("Lucerne Publishing", "editor@lucernepublishing.com"),
    "alpine": ("Alpine Ski House", "bookings@alpineskihouse.com"),
    "wingtip": ("Wingtip Toys", "deals@wingtiptoys.com"),
}


def recipient(user: User) -> Recipient:
    """A seeded user as a recipient."""
    return Recipient(user.display_name, user.mail)


def service(key: str) -> Recipient:
    """An outside sender by key."""
    name, address = SERVICES[key]
    return Recipient(name, address)


def domain_of(user: User) -> str:
    """The domain of the user's mail address."""
    return user.mail.rsplit("@", 1)[-1].lower()


def circle(user: User, directory_peers: list[User]) -> list[Recipient]:
    """The people who write to this user most: colleagues for work accounts, friends otherwise.

    Real seeded users of the same tenant come first, so replies to them land in a mailbox.
    """
    if user.is_personal:
        return [Recipient(f"{first} {last}", f"{first.lower()}.{last.lower()}@{domain}")
                for first, last, domain in FRIEND_NAMES]
    domain = domain_of(user)
    people = [recipient(peer) for peer in directory_peers]
    taken = {p.name for p in people} | {user.display_name}
    for first, last, _title in COLLEAGUE_NAMES:
        name = f"{first} {last}"
        if name not in taken:
            people.append(Recipient(name, f"{first}{last[0]}@{domain}"))
    return people
