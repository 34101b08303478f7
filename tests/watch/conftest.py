from watch_support import feed_server, fixed_now  # noqa: F401  (fixtures)
