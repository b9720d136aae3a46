#!/usr/bin/env bash
# Stops the PostgreSQL that start-postgres.sh started and deletes its folder: `stop-postgres.sh "$HOIPHUONG_PG_DIR"`.
set -euo pipefail
DIR="${1:-${HOIPHUONG_PG_DIR:-}}"
case "$DIR" in
  /tmp/hoiphuong-pg.*) ;;
  *) echo "usage: stop-postgres.sh /tmp/hoiphuong-pg.XXXXXX (the folder start-postgres.sh printed)" >&2; exit 2 ;;
esac
[ -d "$DIR" ] || exit 0
BIN="$(cat "$DIR/bin" 2>/dev/null || true)"
if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
  RUN=()
  [ "$(id -u)" = 0 ] && RUN=(runuser -u "$(stat -c %U "$DIR")" --)
  "${RUN[@]}" "$BIN/pg_ctl" --pgdata="$DIR/data" --mode=fast --wait stop >&2 || true
fi
rm -rf "$DIR"
