"""The comments service: owns comments and their status; learns of posts from `PostCreated`,
publishes `CommentCreated`, and turns `CommentModerated` into `CommentUpdated`."""
