# Sourced by .ci/run: a throwaway PostgreSQL on 127.0.0.1 for the catalog tests.
# Installs the Debian server when missing, starts it as the postgres user (initdb refuses root),
# exports LAKE_TEST_PG_URL, and stops and removes it when the calling shell exits.
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql postgresql-client >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export PGHOST=127.0.0.1 PGPORT=${LAKE_TEST_PG_PORT:-55432} PGUSER=postgres
LAKE_PGDATA=$(mktemp -d)
id -u postgres >/dev/null 2>&1 || useradd --system --home-dir "$LAKE_PGDATA" --shell /bin/false postgres
chown postgres: "$LAKE_PGDATA"
runuser -u postgres -- "$PGBIN/initdb" -D "$LAKE_PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$LAKE_PGDATA" -l "$LAKE_PGDATA/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $LAKE_PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$LAKE_PGDATA" -m immediate -w stop >/dev/null 2>&1; rm -rf "$LAKE_PGDATA"' EXIT
until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; do sleep 0.2; done
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres lake_test
export LAKE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PGPORT/lake_test"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT for the tests (LAKE_TEST_PG_URL)"
