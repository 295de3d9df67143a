"""Users: sign up and sign in. The same Django app in both builds (the model and its
migration are shared too): the monolith installs it beside its other features, the split
build's users service is built around it.

Here: who a user is (`domain`), the bodies of sign-up and sign-in (`inputs`), what the API
returns (`representation`), `UserRegistered` (`events`), why a request is refused
(`errors`), the writes and checks (`services`) and the views (`api`).
"""
