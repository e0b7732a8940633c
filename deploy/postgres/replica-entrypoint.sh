#!/bin/sh
# The streaming replica of the `replicas` profile: on first start its data folder is a base backup
# of the primary (pg_basebackup -R writes primary_conninfo and standby.signal), then it runs as a hot
# standby that replays the primary's WAL and answers read-only queries.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -U "$POSTGRES_USER" -d "$POSTGRES_DB"; do sleep 1; done
  PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h db -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -c fast
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
