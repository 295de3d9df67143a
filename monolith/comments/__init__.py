"""Comments: add a comment to a post and list a post's comments with their moderation status."""
