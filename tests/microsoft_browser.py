"""The Microsoft-browser driver now lives in the test kit; this name keeps old imports working."""

from postpress_whitelabel.testing.microsoft_browser import MicrosoftBrowser

__all__ = ["MicrosoftBrowser"]
