"""Small but real attachment files for seeded mail: a one-page PDF, PNG images and an iCalendar
invitation, built in code so the sandbox ships no binaries and the bytes are deterministic.

Each opens in an ordinary viewer: the PDF has a correct cross-reference table, the PNG valid
chunks with CRCs, the invitation the fields Outlook and Google Calendar need.
"""

import functools
import struct
import zlib


@functools.lru_cache(maxsize=32)
def pdf(title: str, lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF showing the title and a few lines of text (Helvetica)."""
    def escape(text: str) -> str:
        """PDF string escaping (ASCII only)."""
        safe = text.encode("ascii", "replace").decode()
        return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    text = [f"BT /F1 20 Tf 72 740 Td ({escape(title)}) Tj ET"]
    text += [f"BT /F1 12 Tf 72 {700 - 18 * i} Td ({escape(line)}) Tj ET"
             for i, line in enumerate(lines)]
    stream = "\n".join(text).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 "
        b"4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@functools.lru_cache(maxsize=32)
def png(width: int, height: int, colour: tuple[int, int, int],
        stripe: tuple[int, int, int] = (255, 255, 255)) -> bytes:
    """An RGB PNG: a solid colour with a horizontal stripe across the middle third."""
    rows = []
    for y in range(height):
        pixel = bytes(stripe if height // 3 <= y < 2 * height // 3 else colour)
        rows.append(b"\0" + pixel * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def ics(uid: str, summary: str, start: str, end: str, organizer: str, attendee: str) -> bytes:
    """An iCalendar REQUEST (times as UTC `YYYYMMDDTHHMMSSZ`), CRLF line ends as RFC 5545 asks."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", f"UID:{uid}",
             f"DTSTAMP:{start}", f"DTSTART:{start}", f"DTEND:{end}", f"SUMMARY:{summary}",
             f"ORGANIZER:mailto:{organizer}",
             f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{attendee}",
             "LOCATION:Microsoft Teams Meeting", "STATUS:CONFIRMED", "SEQUENCE:0",
             "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()
