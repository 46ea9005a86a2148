"""Delivering a reminder to a person: an email through the integrator's SMTP server, or a JSON
POST to a webhook (a chat channel, an incident tool).

Configuration (README, "Secret expiry reminders"): ``SMTP_HOST``, ``SMTP_PORT``, ``SMTP_TLS``
(``starttls``, ``ssl`` or ``none``), ``SMTP_USERNAME``, ``SMTP_PASSWORD``, ``REMINDER_FROM``,
``REMINDER_TO``; ``REMINDER_WEBHOOK_URL``. Neither message carries a secret: only its client
id, the last characters shown in Settings, and its expiry date.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

import requests
from flask import current_app


class DeliveryFailed(Exception):
    """The channel did not take the message; the text says why, for the operator."""


def channels() -> list[str]:
    """The channels configured: ``email`` and/or ``webhook``."""
    config = current_app.config
    found = []
    if config.get("SMTP_HOST") and config.get("REMINDER_TO"):
        found.append("email")
    if config.get("REMINDER_WEBHOOK_URL"):
        found.append("webhook")
    return found


def send(channel: str, subject: str, payload: dict) -> None:
    """Deliver one reminder on one channel.

    :raise DeliveryFailed: when the server or the webhook refused it or could not be reached.
    """
    if channel == "email":
        _email(subject, payload["message"])
    else:
        _webhook(payload)


def _email(subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("REMINDER_FROM") or f"postpress@{config['SMTP_HOST']}"
    message["To"] = ", ".join(config["REMINDER_TO"])
    message.set_content(body)
    tls = str(config.get("SMTP_TLS") or "starttls").lower()
    port = int(config.get("SMTP_PORT") or (465 if tls == "ssl" else 587))
    timeout = float(config["HTTP_TIMEOUT"])
    try:
        if tls == "ssl":
            server = smtplib.SMTP_SSL(config["SMTP_HOST"], port, timeout=timeout,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(config["SMTP_HOST"], port, timeout=timeout)
        with server:
            if tls == "starttls":
                server.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USERNAME"):
                server.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD") or "")
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryFailed(f"email via {config['SMTP_HOST']}:{port} failed: "
                             f"{type(exc).__name__}") from exc


def _webhook(payload: dict) -> None:
    url = current_app.config["REMINDER_WEBHOOK_URL"]
    try:
        resp = requests.post(url, json=payload, timeout=float(current_app.config["HTTP_TIMEOUT"]),
                             allow_redirects=False)
    except requests.RequestException as exc:
        raise DeliveryFailed(f"webhook unreachable: {type(exc).__name__}") from exc
    if not 200 <= resp.status_code < 300:
        raise DeliveryFailed(f"webhook answered HTTP {resp.status_code}")
