#!/bin/bash
# Runs once, when the PostgreSQL volume is new: one role and one database per name in
# TANDEM_DATABASES, each role with the password in <NAME>_DB_PASSWORD. A role owns its own
# database and may connect to no other, so no service can read another service's data.
set -euo pipefail
for name in ${TANDEM_DATABASES:?list the databases to create}; do
  password_var="${name^^}_DB_PASSWORD"
  password="${!password_var:?$password_var is not set}"
  psql -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d postgres -q \
    --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
psql -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -d postgres -q -c 'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC'
