"""Moderation, as both builds share it: the rules that decide a comment's status (`rules`)
and the verdict published when moderation runs apart from comments (`events`).

The monolith applies the rules inside the comment's write (`monolith/moderation/`); the
split build's moderation service applies them to each `CommentCreated`
(`microservices/moderation/`).
"""
