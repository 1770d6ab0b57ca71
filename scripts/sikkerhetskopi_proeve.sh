#!/usr/bin/env bash
# Backup and restore, tried for real: dump the database (pg_dump) and the uploaded documents
# (MEDIA_ROOT), restore both into a FRESH PostgreSQL database and folder, and compare the row count
# of every table and the checksum of every file. Exit 0 only when everything matches.
#
# Safe on a database in use: the rows are counted inside the very snapshot pg_dump copies (a
# repeatable-read transaction exports its snapshot, pg_dump --snapshot uses it, and the same
# transaction counts), so rows written meanwhile are in neither. The documents are listed and
# checksummed first and exactly that list is archived, so a file uploaded meanwhile is in neither.
#
#   scripts/sikkerhetskopi_proeve.sh [--behold] KILDE_DATABASE_URL [MEDIA_ROOT]
#
#   KILDE_DATABASE_URL  postgres://user@host:5432/fagbrev   (the database to back up)
#   MEDIA_ROOT          folder of uploaded documents (default: ./media; skipped if missing)
#   --behold            keep the restored database and folder (default: drop them afterwards)
#
# The backup files (fagbrev-<time>.dump, media-<time>.tar.gz) are left in $SIKKERHETSKOPI_MAPPE
# (default: a temporary folder). Needs pg_dump, pg_restore and psql of the server's major version.
set -euo pipefail

behold=false
if [[ "${1:-}" == "--behold" ]]; then behold=true; shift; fi
kilde="${1:?Bruk: $0 [--behold] KILDE_DATABASE_URL [MEDIA_ROOT]}"
media="${2:-media}"
tid="$(date -u +%Y%m%dT%H%M%SZ)"
mappe="${SIKKERHETSKOPI_MAPPE:-$(mktemp -d)}"
mkdir -p "$mappe"

# postgres://user@host:port/db[?opts] -> same server, new database name
basis="${kilde%%\?*}"
ny_db="fagbrev_gjenoppretting_$(date -u +%Y%m%d%H%M%S)_$$"
ny="${basis%/*}/${ny_db}"
vedlikehold="${basis%/*}/postgres"

# One line per table, name<TAB>rows, counted in one statement (so in one snapshot).
TELL_SQL="SELECT t.tablename || E'\\t' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',
  t.schemaname, t.tablename), false, true, '')))[1]::text FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY 1"

echo "1/5 pg_dump av kilden i ett øyeblikksbilde -> $mappe/fagbrev-$tid.dump"
coproc OYEBLIKK { psql -At -q -v ON_ERROR_STOP=1 "$kilde"; }
oyeblikk_pid=$OYEBLIKK_PID
echo "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();" >&"${OYEBLIKK[1]}"
read -r -t 60 snapshot <&"${OYEBLIKK[0]}" || { echo "FEIL: fikk ikke et øyeblikksbilde av kilden." >&2; exit 1; }
pg_dump --snapshot="$snapshot" --format=custom --no-owner --no-privileges --file="$mappe/fagbrev-$tid.dump" "$kilde"
# the same transaction counts the rows: exactly what the dump holds, whatever is written meanwhile
echo "$TELL_SQL; SELECT '--slutt--';" >&"${OYEBLIKK[1]}"
: >"$mappe/rader-kilde.tsv"
while read -r -t 600 linje <&"${OYEBLIKK[0]}"; do
  [[ "$linje" == "--slutt--" ]] && break
  printf '%s\n' "$linje" >>"$mappe/rader-kilde.tsv"
done
echo "COMMIT;" >&"${OYEBLIKK[1]}"
exec {OYEBLIKK[1]}>&-
wait "$oyeblikk_pid" || true

if [[ -d "$media" ]]; then
  echo "2/5 dokumenter: $media -> $mappe/media-$tid.tar.gz"
  (cd "$media" && find . -type f -print0 | sort -z) >"$mappe/media-filer.lst"
  (cd "$media" && xargs -0 -r sha256sum <"$mappe/media-filer.lst") >"$mappe/media-kilde.sha256"
  tar -C "$media" --null -T "$mappe/media-filer.lst" -czf "$mappe/media-$tid.tar.gz"
else
  echo "2/5 ingen dokumentmappe ($media); hopper over"
fi

echo "3/5 gjenoppretter i en ny database: $ny_db"
psql -q -v ON_ERROR_STOP=1 "$vedlikehold" -c "CREATE DATABASE \"$ny_db\""
rydd() {
  if [[ "$behold" == false ]]; then
    psql -q "$vedlikehold" -c "DROP DATABASE IF EXISTS \"$ny_db\"" || true
    [[ -n "${ny_media:-}" ]] && rm -rf "$ny_media"
  else
    echo "Beholdt: database $ny_db${ny_media:+, dokumenter i $ny_media}"
  fi
}
trap rydd EXIT
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$ny" "$mappe/fagbrev-$tid.dump"

echo "4/5 sammenligner antall rader i hver tabell (kilden: talt i øyeblikksbildet til dumpen)"
psql -At -q -v ON_ERROR_STOP=1 "$ny" -c "$TELL_SQL" >"$mappe/rader-gjenopprettet.tsv"
tabeller=$(wc -l <"$mappe/rader-kilde.tsv")
rader=$(awk -F'\t' '{s += $2} END {print s + 0}' "$mappe/rader-kilde.tsv")
if ! diff -u "$mappe/rader-kilde.tsv" "$mappe/rader-gjenopprettet.tsv"; then
  echo "FEIL: antall rader skiller seg (se over)." >&2
  exit 1
fi
echo "    $tabeller tabeller, $rader rader: like"

if [[ -f "$mappe/media-$tid.tar.gz" ]]; then
  echo "5/5 pakker ut dokumentene på nytt og sammenligner sjekksummer"
  ny_media="$(mktemp -d)"
  tar -C "$ny_media" -xzf "$mappe/media-$tid.tar.gz"
  (cd "$ny_media" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$mappe/media-gjenopprettet.sha256"
  if ! diff -u "$mappe/media-kilde.sha256" "$mappe/media-gjenopprettet.sha256"; then
    echo "FEIL: dokumentene skiller seg." >&2
    exit 1
  fi
  echo "    $(wc -l <"$mappe/media-kilde.sha256") filer: like"
else
  echo "5/5 ingen dokumenter å sammenligne"
fi
echo "OK: sikkerhetskopien i $mappe lar seg gjenopprette."
