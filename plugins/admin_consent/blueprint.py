"""The plugin's blueprint: its pages live under ``/admin-consent``, its templates and CSS here.

The app's own ``templates/`` folder ranks first, so an integrator can reword any page by
copying ``templates/admin_consent/<page>.html`` there.
"""

from flask import Blueprint

bp = Blueprint("admin_consent", __name__, url_prefix="/admin-consent",
               template_folder="templates", static_folder="static",
               static_url_path="/static")
