#!/usr/bin/env bash
# backupctl against real RMAN and a real instance: run inside Oracle Database Free (the full image,
# which has rman and sqlplus) as the software owner, `oracle`, with the binary at $1. The workflow
# job `oracle-rman` copies both in and runs this; it needs nothing else.
#
# What it holds, each step failing the job when backupctl is wrong:
#   - connection test as SYSDBA (OS authentication) and as SYSBACKUP (a password user over the
#     network, its password holding @ / & space é), a wrong-case SID failing in test and check;
#   - passwords holding # or &digit refused by backupctl before RMAN starts (and what RMAN itself
#     does with them inside the quoted string, printed for the record);
#   - a cold backup (shutdown, startup mount, backup, open) leaving the instance open;
#   - a strategy cancelled at its timeout: the instance up, no RMAN session left in V$SESSION;
#   - the printed DDL through SQL*Plus: refused in CDB$ROOT, refused over another application's
#     tables, installed in a PDB under its own user.
set -euo pipefail

B=${1:?usage: oracle-rman.sh PATH-TO-BACKUPCTL}
: "${ORACLE_HOME:?ORACLE_HOME must be set (the image sets it)}"
export ORACLE_SID=${ORACLE_SID:-FREE}
export NLS_LANG=AMERICAN_AMERICA.AL32UTF8
PDB=${PDB:-FREEPDB1}

work=$(mktemp -d)
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
mkdir -p "$HOME"
export BACKUPCTL_STORE="sqlite:$work/store.db"
export BACKUPCTL_NODE=ci BACKUPCTL_TIMEZONE=UTC
export BACKUPCTL_PROFILE="$work/profile.toml"
printf 'cancel_grace = "30s"\n' > "$BACKUPCTL_PROFILE"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

sysdba() { # SQL on stdin, as SYSDBA in CDB$ROOT; prints the rows only
    sqlplus -s -L / as sysdba <<EOF
WHENEVER SQLERROR EXIT FAILURE
SET HEADING OFF FEEDBACK OFF PAGESIZE 0 VERIFY OFF DEFINE OFF
$(cat)
EXIT
EOF
}

instance_status() { echo "SELECT status FROM v\$instance;" | sysdba | tr -d '[:space:]'; }

"$B" --version
"$B" install-schema

step "connection test as SYSDBA (OS authentication)"
"$B" add-connection --id C_OS --name free --instance "$ORACLE_SID" --host localhost
"$B" connection test C_OS

step "a wrong-case SID fails connection test and check, naming it"
wrong=$(printf '%s' "$ORACLE_SID" | tr '[:upper:]' '[:lower:]')
"$B" add-connection --id C_CASE --name wrong-case --instance "$wrong" --host localhost
set +e
out=$("$B" connection test C_CASE 2>&1); code=$?
set -e
echo "$out"
[ "$code" -eq 5 ] || fail "connection test with SID $wrong exited $code, expected 5"
grep -q "no instance $wrong is running" <<<"$out" || fail "connection test did not name SID $wrong"
set +e
out=$("$B" check --format json 2>&1); code=$?
set -e
echo "$out"
grep -q "no instance $wrong is running, but $ORACLE_SID is" <<<"$out" || fail "check did not catch SID $wrong"
"$B" connection disable C_CASE

step "a password user with SYSBACKUP, its password holding @ / & space é"
password='Pa@ss/w rd é&x1'
sysdba <<EOF
CREATE USER c##bctl IDENTIFIED BY "$password" CONTAINER = ALL;
GRANT CREATE SESSION, SYSBACKUP TO c##bctl CONTAINER = ALL;
EOF
"$B" add-connection --id C_PW --name free-net --instance "$ORACLE_SID" --host localhost --port 1521 \
    --credential env:BCTL_TARGET --privilege sysbackup
BCTL_TARGET="c##bctl/$password" "$B" connection test C_PW

step "passwords holding # or &digit: refused by backupctl before RMAN starts"
for bad in 'Pa#ss1' 'Pa&1ss'; do
    set +e
    out=$(BCTL_TARGET="c##bctl/$bad" "$B" connection test C_PW 2>&1); code=$?
    set -e
    echo "$out"
    { [ "$code" -eq 5 ] && grep -q "wallet:ALIAS" <<<"$out"; } || fail "a password holding $bad was not refused"
    grep -qF "$bad" <<<"$out" && fail "the refusal printed the password"
done
# For the record (not judged): what RMAN itself makes of them inside the quoted password.
for probe in 'Pa#ss1' 'Pa&1ss'; do
    sysdba <<EOF
ALTER USER c##bctl IDENTIFIED BY "$probe" CONTAINER = ALL;
EOF
    cmd="$work/probe.rman"
    printf "CONNECT TARGET 'c##bctl/\"%s\"@//localhost:1521/%s AS SYSBACKUP';\nEXIT;\n" "$probe" "$ORACLE_SID" > "$cmd"
    printf -- '-- RMAN with a password holding %s:\n' "${probe:2:2}"
    (rman cmdfile="$cmd" </dev/null 2>&1 | grep -E 'connected|RMAN-|ORA-' | sed 's/^/   /') || true
done
rm -f "$work/probe.rman"

step "a cold backup leaves the instance open"
"$B" add-strategy --id S_COLD --connection C_OS --timeout 30m \
    --line "shutdown immediate;" --line "startup mount;" \
    --line "backup database;" \
    --line "alter database open;" --line "alter pluggable database all open;"
"$B" run S_COLD
sleep 5
status=$(instance_status)
[ "$status" = OPEN ] || fail "after the cold backup the instance is '$status', expected OPEN"
grep -qs -- "_pmon_$ORACLE_SID" /proc/[0-9]*/cmdline || fail "the instance's pmon is gone after the run"

step "a strategy cancelled at its timeout: instance up, no RMAN session left"
"$B" add-strategy --id S_HUNG --connection C_OS --timeout 40s \
    --line "run {" --line "allocate channel d1 device type disk;" \
    --line "allocate channel d2 device type disk;" \
    --line "sql 'begin dbms_session.sleep(600); end;';" --line "}"
set +e
"$B" run S_HUNG; code=$?
set -e
[ "$code" -eq 5 ] || fail "the hung strategy exited $code, expected 5 (timed out)"
"$B" logs --strategy S_HUNG --limit 1 | tee /dev/stderr | grep -q timed_out || fail "the run is not timed_out"
left=""
for _ in $(seq 1 30); do
    left=$(echo "SELECT COUNT(*) FROM v\$session WHERE LOWER(program) LIKE 'rman%';" | sysdba | tr -d '[:space:]')
    [ "$left" = 0 ] && break
    sleep 2
done
[ "$left" = 0 ] || fail "$left RMAN sessions are left in V\$SESSION 60 s after the run ended"
status=$(instance_status)
[ "$status" = OPEN ] || fail "after the cancelled run the instance is '$status', expected OPEN"

step "the printed DDL through SQL*Plus"
"$B" install-schema --print --dialect oracle > "$work/ddl.sql"
"$B" install-schema --print --dialect oracle --user BCTL_STORE > "$work/ddl-user.sql"
# In CDB$ROOT: stopped by the guard before anything is made.
set +e
out=$(sqlplus -s -L / as sysdba @"$work/ddl.sql" </dev/null 2>&1); code=$?
set -e
{ [ "$code" -ne 0 ] && grep -q "CDB\$ROOT" <<<"$out"; } || fail "the script ran in CDB\$ROOT (exit $code): $out"
# Over BackupExecutor's tables: refused, nothing made.
sysdba <<EOF
ALTER SESSION SET CONTAINER = $PDB;
CREATE USER bex IDENTIFIED BY "bex_pw_1" QUOTA UNLIMITED ON users;
CREATE TABLE bex.connection (conn_id VARCHAR2(25) NOT NULL PRIMARY KEY, conn_name VARCHAR2(70));
EOF
set +e
out=$(printf 'ALTER SESSION SET CONTAINER = %s;\nALTER SESSION SET CURRENT_SCHEMA = bex;\n@%s\n' "$PDB" "$work/ddl.sql" \
    | sqlplus -s -L / as sysdba 2>&1); code=$?
set -e
{ [ "$code" -ne 0 ] && grep -q "already holds tables" <<<"$out"; } || fail "the script ran over another application's tables (exit $code): $out"
made=$(printf 'ALTER SESSION SET CONTAINER = %s;\nSELECT COUNT(*) FROM dba_tables WHERE owner = %s;\n' "$PDB" "'BEX'" | sysdba | tr -d '[:space:]')
[ "$made" = 1 ] || fail "the refused script left $made tables in BEX"
# In the PDB, under a user of its own: installed, every version stamped. ACCEPT reads the
# owner's password from standard input.
{ printf 'ALTER SESSION SET CONTAINER = %s;\n' "$PDB"; cat "$work/ddl-user.sql"; printf 'EXIT\n'; } > "$work/install.sql"
set +e
out=$(printf 'Store-pw-1\n' | sqlplus -s -L / as sysdba @"$work/install.sql" 2>&1); code=$?
set -e
echo "$out" | tail -20
[ "$code" -eq 0 ] || fail "the printed DDL failed in $PDB (exit $code)"
grep -q "Store-pw-1" <<<"$out" && fail "SQL*Plus printed the owner's password"
latest=$(printf 'ALTER SESSION SET CONTAINER = %s;\nSELECT MAX(version) FROM bctl_store.schema_version;\n' "$PDB" | sysdba | tr -d '[:space:]')
expected=$(grep -c '^INSERT INTO schema_version' "$work/ddl.sql")
[ "$latest" = "$expected" ] || fail "the installed schema is at version '$latest', expected $expected"
invalid=$(printf "ALTER SESSION SET CONTAINER = %s;\nSELECT COUNT(*) FROM dba_objects WHERE owner = 'BCTL_STORE' AND status <> 'VALID';\n" "$PDB" | sysdba | tr -d '[:space:]')
[ "$invalid" = 0 ] || fail "$invalid objects of the installed schema are invalid"

printf '\nall real-RMAN checks passed\n'
