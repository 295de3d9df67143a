"""The users service: sign-up and sign-in, and the `UserRegistered` event."""
