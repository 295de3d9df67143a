"""Posts, as both builds share them: a post (`domain`), the body that writes one (`inputs`),
what the API returns (`representation`), the fact published when one is written (`events`),
why a request about one is refused (`errors`) and the view of `POST /posts` (`api`).

Storage and wiring are each build's: `monolith/posts/`, `microservices/posts/`.
"""
