"""Comments, as both builds share them: a comment and its status values (`domain`), the body
that writes one (`inputs`), what the API returns (`representation`), the facts published as
a comment is written and changes (`events`), and the views of `/posts/{id}/comments` (`api`).
A comment on an unknown post is `common.posts.errors.PostNotFound`; the rule that decides a
comment's status is `common.moderation.rules`.

Storage and wiring are each build's: `monolith/comments/`, `microservices/comments/`.
"""
