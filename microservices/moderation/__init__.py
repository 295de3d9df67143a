"""The moderation service: judges each `CommentCreated` by the shared rules and publishes
`CommentModerated`; it keeps its verdicts."""
