#!/usr/bin/env bash
# Copies the Kafka broker's runtime jars from Maven Central into the cache; prints the jar folder.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dest="$LEDGER_CACHE_DIR/kafka-$KAFKA_VERSION"
if [ -f "$dest/.complete" ]; then
  echo "$dest/libs"
  exit 0
fi
log "downloading Apache Kafka $KAFKA_VERSION jars from Maven Central into $dest (first run only)"
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp/libs"
mvn -B -q -f "$REPO_ROOT/infra/kafka/pom.xml" \
  -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest.tmp/libs" >&2
ls "$dest.tmp/libs"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null
touch "$dest.tmp/.complete"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "$dest/libs"
