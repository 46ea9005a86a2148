"""Connected Microsoft accounts: the Accounts page, their tokens at rest, and refresh.

- ``pages``: the Accounts page (status, granted scopes, last error, disconnect).
- ``storage``: a finished sign-in saved as a user and an account; tokens stored encrypted.
- ``refresh``: fresh access tokens, with one refresh across threads and processes.
"""
