"""The query service: builds the feed (every post with its comments) from events, and serves
GET /posts from its own tables without asking any other service."""
