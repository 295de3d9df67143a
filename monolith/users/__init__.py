"""Users: sign up, sign in, and the tokens that carry a user to the other features."""
