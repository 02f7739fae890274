#!/bin/sh
# Runs a command against a real, private, unlocked keychain:
#   scripts/with-keychain.sh npx vitest run test/main/secrets
# It starts a private D-Bus session with gnome-keyring (its Secret Service)
# unlocked, keeps the keyrings in a fresh temporary folder (nothing is read
# from or written to $HOME or the desktop's keyring), unsets DISPLAY so that a
# keyring prompt fails at once instead of hanging, and exports
# ADAPTY_TEST_SECRET_SERVICE=1. The exit code is the command's.
#
# dbus-daemon and gnome-keyring chatter on stderr (fd-limit warnings,
# "gcr-prompter: cannot open display" when a test locks the keyring); that goes
# to a log, which is printed (without the known chatter) if anything fails.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keychain: $tool is missing; install it with: sudo apt-get install gnome-keyring dbus-x11" >&2
    exit 127
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/with-keychain.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$tmp/data" "$tmp/runtime"
log="$tmp/bus.log"

# Print the log without the chatter a headless keyring always produces.
show_log() {
  grep -v -e 'Failed to set fd limit' -e 'Activating service name=' -e 'Successfully activated service' \
    -e "Activated service 'org.gnome.keyring.SystemPrompter' failed" -e 'cannot open display' \
    -e "couldn't initialize prompt" -e '^[[:space:]]*$' "$log" | sed 's/^/with-keychain: /' >&2 || true
}

unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime"
export ADAPTY_TEST_SECRET_SERVICE=1

# fd 3 carries the caller's stderr past dbus-run-session, whose own stderr
# (and the daemons') goes to the log. The password only guards a throwaway
# keyring. gnome-keyring-daemon does not always exit with its bus, so it is
# stopped by the process ID the bus reports for org.freedesktop.secrets.
status=0
exec 3>&2
dbus-run-session -- sh -c '
  if ! printf %s with-keychain | gnome-keyring-daemon --unlock --components=secrets >/dev/null 3>&-; then
    echo "with-keychain: gnome-keyring-daemon could not start an unlocked keyring" >&3
    exit 125
  fi
  keyring=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets 2>/dev/null |
    sed -n "s/.*uint32 \([0-9][0-9]*\).*/\1/p") || keyring=
  stop_keyring() { if [ -n "$keyring" ]; then kill "$keyring" 2>/dev/null || true; fi; }
  trap "stop_keyring; exit 130" INT
  trap "stop_keyring; exit 143" TERM
  code=0
  "$@" 2>&3 3>&- || code=$?
  stop_keyring
  exit "$code"
' with-keychain "$@" 2>"$log" || status=$?
exec 3>&-

if [ "$status" -ne 0 ]; then show_log; fi
exit "$status"
