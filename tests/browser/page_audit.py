"""What every page of the app must get right in a real browser, checked the same way on each.

axe-core (bundled by axe-playwright-python, pinned in requirements-dev.txt; no CDN) finds no
serious or critical violation; nothing is written to the console as an error, no script throws,
the Content-Security-Policy refuses nothing; at 375 px nothing pushes the page sideways; the
brand's colour and logo are on the page. Problems are collected, not raised one by one, so a
run reports every page that fails and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
BLOCKING = ("serious", "critical")

# Reports each Content-Security-Policy refusal to the test, on every page the context opens.
# Init scripts run before the page's own, and the page's CSP does not apply to them.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.reportCspViolation(event.violatedDirective + " refused " + (event.blockedURI || "inline"));
});
"""

# The focused element's outline, as the person using the keyboard sees it.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
          tag: el.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          own: el.matches(":focus")};
}"""


@dataclass
class PageAudit:
    """The checks, the problems found so far, and the console of the pages being audited."""

    brand_color: str  # as the browser computes it: "rgb(r, g, b)"
    problems: list[str] = field(default_factory=list)
    _axe: Axe = field(default_factory=Axe)
    _console: list[tuple[str, str]] = field(default_factory=list)
    _expected_status: dict[str, int] = field(default_factory=dict)

    def watch(self, context) -> None:
        """Collect console errors, uncaught exceptions and CSP refusals of every page."""
        context.expose_function("reportCspViolation",
                                lambda text: self._console.append(("csp", text)))
        context.add_init_script(CSP_LISTENER)
        context.on("page", self._listen)
        for page in context.pages:
            self._listen(page)

    def _listen(self, page) -> None:
        page.on("console", lambda message: self._on_console(page, message))
        page.on("pageerror", lambda error: self._console.append((page.url, f"pageerror {error}")))

    def _on_console(self, page, message) -> None:
        if message.type != "error":
            return
        # A page asked for on purpose with an error status logs that status: that is the test.
        url = message.location.get("url", "")
        if "Failed to load resource" in message.text and url in self._expected_status:
            return
        self._console.append((page.url, message.text))

    def expect_status(self, url: str, status: int) -> None:
        """``url`` answers ``status`` on purpose (an error page, a refused form)."""
        self._expected_status[url] = status

    def visit(self, page, url: str, status: int = 200, name: str | None = None) -> None:
        """Open ``url`` (answered with ``status``) and check it."""
        if status != 200:
            self.expect_status(url, status)
        response = page.goto(url)
        if response.status != status:
            self.problems.append(f"{url}: answered {response.status}, not {status}")
        self.check(page, name or url)

    def check(self, page, name: str) -> None:
        """Every check on the page as it is now; what fails is added to ``problems``."""
        page.wait_for_load_state("load")
        self._check_axe(page, name)
        self._check_brand(page, name)
        self._check_phone_width(page, name)
        self._flush_console(name)

    def _check_axe(self, page, name: str) -> None:
        results = self._axe.run(page).response
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"][:3]]
                self.problems.append(f"{name}: axe {violation['id']} ({violation['impact']}): "
                                     f"{violation['help']} at {targets}")

    def _check_brand(self, page, name: str) -> None:
        brand = page.evaluate("""() => {
          const link = document.querySelector(".topbar .brand");
          const logo = link && link.querySelector("img");
          return {color: link && getComputedStyle(link).color,
                  logo: !!logo && logo.complete && logo.naturalWidth > 0};
        }""")
        if brand["color"] != self.brand_color or not brand["logo"]:
            self.problems.append(f"{name}: brand colour/logo missing: {brand}")

    def _check_phone_width(self, page, name: str) -> None:
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(DESKTOP)
        if width > PHONE["width"]:
            self.problems.append(f"{name}: {width} px wide at {PHONE['width']} px")

    def _flush_console(self, name: str) -> None:
        for url, text in self._console:
            self.problems.append(f"{name}: console at {url}: {text}")
        self._console.clear()

    def tab_to(self, page, text: str, limit: int = 60) -> None:
        """Press Tab until the focused element reads ``text``; each stop must show its focus."""
        for _ in range(limit):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_RING)
            if focus["tag"] == "BODY" or not focus["own"]:
                continue  # entering the page from the browser's UI; a date field's picker button
            if focus["style"] == "none" or focus["width"] < 2:
                self.problems.append(f"{page.url}: focus not visible on {focus}")
            if text in focus["text"]:
                return
        raise AssertionError(f"{page.url}: {text!r} not reached with the keyboard")
