"""The app as gunicorn serves it, plus a bare Flask route at ``/_bare/`` for the benchmarks.

The bare route lives here, not in the app: it is the yardstick that the same server, workers
and run give a route doing nothing, so the app's routes can be read as a ratio of it.
``scripts/serve bench.wsgi_with_bare:app`` serves it with the production settings.
"""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from postpress_whitelabel import create_app

bare = Flask("bare")


@bare.get("/")
def ok():
    """Nothing at all: Flask's routing and response only."""
    return "ok"


app = DispatcherMiddleware(create_app(), {"/_bare": bare})
