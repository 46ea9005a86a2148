"""The sandbox's directory: tenants, users, app registrations and what admins have granted.

Plain in-memory records (`models`), the tenants and how a URL's tenant segment resolves, the
app registry the portal edits, the consent book (tenant-wide grants and admin consent
requests), the catalog of scopes and Graph permissions, and the seeded directory every reset
returns to. Nothing here serves HTTP; the identity endpoints, the portal and Graph read it.
"""
