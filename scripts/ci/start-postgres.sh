#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests, on 127.0.0.1 and a free port, in a new temporary folder: installs
# Debian's `postgresql` package when it is missing, runs the server as a non-root user (PostgreSQL refuses root) and
# creates the database `hoiphuong_test`. Prints shell lines on stdout, so a script can `eval "$(start-postgres.sh)"`:
#   export TEST_DATABASE_URL=postgres://hoiphuong@127.0.0.1:PORT/hoiphuong_test
#   export HOIPHUONG_PG_DIR=/tmp/hoiphuong-pg.XXXXXX      (give it to stop-postgres.sh)
# Everything else goes to stderr.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
  echo "PostgreSQL is not installed; installing Debian's postgresql package…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi
if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
  echo "Could not find the postgres binary under /usr/lib/postgresql/*/bin after installing; install PostgreSQL 13 or newer." >&2
  exit 1
fi

DIR="$(mktemp -d /tmp/hoiphuong-pg.XXXXXX)"
chmod 755 "$DIR"
# PostgreSQL will not run as root: use the package's `postgres` user (or make one) when we are root.
RUN=()
if [ "$(id -u)" = 0 ]; then
  OWNER=postgres
  id -u "$OWNER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OWNER"
  chown "$OWNER" "$DIR"
  RUN=(runuser -u "$OWNER" --)
fi

PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
"${RUN[@]}" "$BIN/initdb" --pgdata="$DIR/data" --username=hoiphuong --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$BIN/pg_ctl" --pgdata="$DIR/data" --log="$DIR/server.log" --wait --timeout=60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=200" start >&2 ||
  { cat "$DIR/server.log" >&2; exit 1; }
"${RUN[@]}" "$BIN/createdb" --host=127.0.0.1 --port="$PORT" --username=hoiphuong hoiphuong_test >&2
echo "$BIN" >"$DIR/bin"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$PORT (data in $DIR)." >&2
echo "export TEST_DATABASE_URL=postgres://hoiphuong@127.0.0.1:$PORT/hoiphuong_test"
echo "export HOIPHUONG_PG_DIR=$DIR"
