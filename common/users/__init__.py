"""Users: sign up and sign in. The same Django app in both builds: the monolith installs it
beside its other features, the split build's users service is built around it."""
