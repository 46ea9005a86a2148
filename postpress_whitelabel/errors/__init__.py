"""Problem pages: what happened, who must act (the end user, their admin, the integrator),
and what to do; never a stack trace or a secret.

- ``problem_pages``: the app's own refusals and Microsoft's errors, rendered with advice.
- ``http_errors``: 400, 404, 405, CSRF and 500 pages for any request.
"""
