"""The offline login.microsoftonline.com: the identity endpoints and what they need.

Discovery and the JWKS, authorize with its account picker and consent pages, the token
endpoint and its grants, adminconsent, logout and the OIDC UserInfo endpoint live here, with
the signing keys and token minting, PKCE, the browser session, the rules that decide which
consent page a sign-in needs, and the AADSTS error catalog every endpoint answers from.
"""
