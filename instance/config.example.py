"""Example instance configuration: copy to instance/config.py and edit.

Every key here can also be set as an environment variable POSTPRESS_<KEY>, which wins over this
file. Never commit the real instance/config.py: it holds secrets.
"""

# Signs session cookies. Required outside demo mode. Generate with:
#   python -c "import secrets; print(secrets.token_urlsafe(48))"
# SECRET_KEY = "..."

# Comma-separated Fernet keys; the first encrypts, all decrypt (put a new key first to rotate).
# Required outside demo mode. Generate with:
#   python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
# ENCRYPTION_KEYS = "..."

# Any SQLAlchemy URL; defaults to a SQLite file in instance/.
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postpress:postpress@127.0.0.1:5432/postpress"

# External base URL; the redirect URIs registered in Entra are built from it.
# PUBLIC_URL = "https://app.example.com"

# Microsoft identity platform and Graph hosts (the demo points both at the offline sandbox).
# MICROSOFT_LOGIN_URL = "https://login.microsoftonline.com"
# MICROSOFT_GRAPH_URL = "https://graph.microsoft.com"

# common (work + personal), organizations (work only), consumers (personal only) or a tenant id.
# MICROSOFT_TENANT = "common"

# Optional allow-list of tenant ids whose users may sign in; empty lets everyone in.
# ALLOWED_TENANTS = ["00000000-0000-0000-0000-000000000000"]

# postpress's default Microsoft app. The secret is never logged or shown.
# DEFAULT_CLIENT_ID = "00000000-0000-0000-0000-000000000000"
# DEFAULT_CLIENT_SECRET = "..."
# DEFAULT_APP_NAME = "postpress"

# Users (matched on a verified identity) who may open Settings.
# ADMIN_EMAILS = ["admin@example.com"]
