"""`/_sandbox/`: the knobs tests and benchmarks turn, and the machinery they steer.

The JSON knob blueprints (state, directory, traffic) and what they share, the deliberately
broken id_tokens, per-endpoint latency and forced statuses, request counting and the
`Server-Timing` header. None of it exists on Microsoft's side; only the sandbox registers it.
"""
