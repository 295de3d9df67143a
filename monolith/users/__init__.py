"""Sign-up in the monolith: the shared users feature (common/users), with its fact recorded."""
