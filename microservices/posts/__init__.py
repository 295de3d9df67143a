"""The posts service: owns posts; publishes `PostCreated`."""
