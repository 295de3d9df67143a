"""Posts: create a post; GET /posts is answered by the feed."""
