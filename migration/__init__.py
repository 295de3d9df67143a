"""The road from the monolith to the split build (docs/migration.md): the operator's commands
for the gateway's routes and for telling when a new owner has caught up."""
