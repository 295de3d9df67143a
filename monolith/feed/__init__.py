"""The feed: GET /posts, every post with its comments, read with a query over the app's tables."""
