"""The Mail plugin's blueprint: pages under ``/mail``, its templates and its stylesheet."""

from flask import Blueprint

bp = Blueprint("mail", __name__, url_prefix="/mail", template_folder="templates",
               static_folder="static", static_url_path="/static")
