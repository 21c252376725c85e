#!/usr/bin/env bash
# Runs a local service and stops it when asked to (SIGTERM) or when the process that started it
# dies, even by SIGKILL, so an interrupted or killed run never leaves a broker or database behind.
# Usage: guard.sh <parent-pid> <command> [args...]
set -u
parent="$1"
shift
# Ctrl-C is the parent's to handle: it stops services in order, so neither this guard nor the
# service (in its own session, away from the terminal's signals) reacts to SIGINT by itself.
trap '' INT
setsid "$@" &
child=$!
stop_child() {
  kill -TERM "$child" 2>/dev/null
  for _ in $(seq 1 300); do
    kill -0 "$child" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$child" 2>/dev/null
  wait "$child" 2>/dev/null
  exit 0
}
trap stop_child TERM HUP
while kill -0 "$parent" 2>/dev/null; do
  if ! kill -0 "$child" 2>/dev/null; then
    wait "$child"
    exit $?
  fi
  sleep 0.5 &
  wait $!
done
stop_child
