"""The plugin's blueprint: its pages under /calendar, its templates and its stylesheet."""

from flask import Blueprint

bp = Blueprint("calendar", __name__, template_folder="templates", static_folder="static",
               url_prefix="/calendar")
