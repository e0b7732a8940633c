#!/bin/sh
# Runs once, when the primary's volume is first initialised (docker-entrypoint-initdb.d): lets the
# streaming replica of the `replicas` profile connect for replication with the database's password.
set -e
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
