"""Drives the sandbox's Entra portal over HTTP, the way a developer's browser would."""

import re

import requests

from microsoft_sandbox.directory import seed


def csrf_of(html: str) -> str:
    """The session's form token, as every portal form carries it."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no form token on the page"
    return match.group(1)


def element_text(html: str, element_id: str) -> str:
    """The text of the element with this id (ids the portal gives values tests read)."""
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', html)
    assert match, f"no #{element_id} on the page"
    return match.group(1).strip()


class Portal:
    """One browser profile signed in to `/portal/` as a directory's account."""

    def __init__(self, base_url: str):
        """Keep cookies; redirects are followed like a browser would after a form."""
        self.base_url = base_url
        self.http = requests.Session()
        self.token: str | None = None

    def get(self, path: str) -> requests.Response:
        """GET a portal page, remembering the form token it carries."""
        response = self.http.get(f"{self.base_url}/portal{path}", timeout=10)
        if 'name="csrf_token"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def post(self, path: str, data: dict | list | None = None, **kwargs) -> requests.Response:
        """POST a portal form with the session's form token (fetched once if needed)."""
        if self.token is None:
            self.get("/signin")
        fields = list(data.items()) if isinstance(data, dict) else list(data or [])
        fields.append(("csrf_token", self.token))
        response = self.http.post(f"{self.base_url}/portal{path}", data=fields, timeout=10,
                                  **kwargs)
        if 'name="csrf_token"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def sign_in(self, oid: str = seed.DEVELOPER_OID) -> requests.Response:
        """Pick the account on the portal's sign-in page."""
        self.get("/signin")
        return self.post("/signin", {"oid": oid})

    def register(self, name: str, audience: str = "AzureADandPersonalMicrosoftAccount",
                 redirect_uri: str = "") -> str:
        """"New registration"; returns the Application (client) ID from the Overview."""
        page = self.post("/app-registrations/new", {
            "name": name, "sign_in_audience": audience, "platform": "web",
            "redirect_uri": redirect_uri})
        assert page.status_code == 200, page.text
        return element_text(page.text, "application-client-id")

    def add_redirect_uri(self, client_id: str, uri: str) -> requests.Response:
        """Authentication > Web > Add URI."""
        return self.post(f"/app-registrations/{client_id}/authentication/redirect-uris",
                         {"redirect_uri": uri})

    def add_permissions(self, client_id: str, names: list[str]) -> requests.Response:
        """API permissions > Add a permission > Microsoft Graph > Delegated."""
        return self.post(f"/app-registrations/{client_id}/api-permissions/add",
                         [("permission", name) for name in names])

    def new_secret(self, client_id: str, description: str = "postpress",
                   days: int = 730) -> tuple[str, str, requests.Response]:
        """Certificates & secrets > New client secret: (value, Secret ID, the page)."""
        page = self.post(f"/app-registrations/{client_id}/credentials/secrets",
                         {"description": description, "expires": str(days)})
        assert page.status_code == 200, page.text
        return (element_text(page.text, "new-secret-value"),
                element_text(page.text, "new-secret-id"), page)

    def verify_domain(self, client_id: str, domain: str) -> requests.Response:
        """Branding & properties > Verify and save domain."""
        return self.post(f"/app-registrations/{client_id}/branding/publisher-domain",
                         {"domain": domain})

    def verify_publisher(self, client_id: str, partner_id: str) -> requests.Response:
        """Branding & properties > Partner Global Account ID > Verify and save."""
        return self.post(f"/app-registrations/{client_id}/branding/publisher-verification",
                         {"partner_id": partner_id})
