#!/usr/bin/env bash
# Build backupctl, load the reference service's sample strategies into a fresh demo store, and run
# the minute tick for Monday 2026-11-23 12:35 (America/Costa_Rica), when they are due.
# RMAN is played by the stand-in tests/rman-standin/bin/rman (not Oracle RMAN; nothing is backed up).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x target/release/backupctl ]; then
  echo "Building backupctl (release) for the first time: a few minutes on 2 cores..." >&2
fi
# cargo shows its progress: the first build takes a few minutes.
cargo build --release
bctl() { target/release/backupctl --profile examples/demo/profile.toml "$@"; }

rm -rf target/demo
# The sample connection and strategies of the reference schema (ids kept).
bctl add-connection --id C_1509986176 --name local --instance XE --host 127.0.0.1 >/dev/null
# A good one: tablespace USERS after a log switch.
bctl add-strategy --id EST_1509986176 --connection C_1509986176 --priority medium \
  --line 'crosscheck archivelog all;' --line 'run{' --line 'SQL "alter system switch logfile";' \
  --line 'backup tablespace users;' --line '}' >/dev/null
# The erroneous one ("run{;"), stored with --force so that RMAN's own parse error shows at run time.
bctl -q add-strategy --id EST_1509986180 --connection C_1509986176 --priority medium --force \
  --line 'crosscheck archivelog all;' --line 'run{;' --line 'SQL "alter system switch logfile";' \
  --line 'backup tablespace users;' --line '}' >/dev/null
# A high-priority archivelog backup at the same minute, and one later in the hour.
bctl add-strategy --id EST_1509986184 --connection C_1509986176 --priority high --template archivelog >/dev/null
bctl add-strategy --id EST_1509986188 --connection C_1509986176 --priority low --template controlfile --template spfile >/dev/null
# Frequencies: Monday (day 1) 12:35 for the first three, 12:39 for the last.
for s in EST_1509986176 EST_1509986180 EST_1509986184; do bctl -q schedule add "$s" --day mon --at 12:35; done
bctl -q schedule add EST_1509986188 --day mon --at 12:39

echo "\$ backupctl run-due --now '2026-11-23 12:35'"
bctl run-due --now '2026-11-23 12:35' || echo "(exit $?: at least one backup failed)"

echo
echo "\$ backupctl logs"
bctl logs
echo
echo "\$ backupctl errors"
bctl errors
echo
bctl -q report --html target/demo/report.html --now '2026-11-23 12:40' --days 7
echo "The fleet report: target/demo/report.html"
echo
echo "(RMAN here was the stand-in tests/rman-standin/bin/rman, not Oracle RMAN: nothing was backed up.)"
