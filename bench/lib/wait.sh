# Sourced by bench/run and bench/cold-start.sh: waiting for an HTTP 200 with bash's own /dev/tcp, read and
# EPOCHREALTIME, so that a poll starts no process. A curl, a grep and a sleep per poll every 5 ms took about 0.8 of a
# core on this 2-core machine (1.18 s of CPU in 1.5 s): CPU the server being timed did not get.

exec {WAIT_NAP}<> <(:) # a pipe nobody writes: `read -t` on it is a sleep that starts no process

now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $(( t / 1000 )); }

# http_200 METHOD URL: one HTTP/1.0 request to http://HOST:PORT/PATH (POST and PUT send the body {}); true when it
# answers 200.
http_200() {
  local method=$1 url=$2 line="" body="" fd
  [[ $url =~ ^http://([^:/]+):([0-9]+)(/.*)?$ ]] || { echo "http_200: not an http://host:port URL: $url" >&2; return 2; }
  local host=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]} path=${BASH_REMATCH[3]:-/}
  [ "$method" = GET ] || body='{}'
  { exec {fd}<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf '%s %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$method" "$path" "$host" "${#body}" "$body" >&"$fd" 2>/dev/null
  IFS= read -r -t 5 line <&"$fd" || true
  exec {fd}<&-
  [[ $line == "HTTP/1."?" 200"* ]]
}

# wait_200 URL METHOD SECONDS [PID]: polls every 5 ms until the URL answers 200 (true), the time is up or PID has
# exited (false).
wait_200() {
  local url=$1 method=$2 pid=${4:-} t end
  t=${EPOCHREALTIME//[!0-9]/}; end=$(( t + $3 * 1000000 ))
  while :; do
    http_200 "$method" "$url" && return 0
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || return 1
    t=${EPOCHREALTIME//[!0-9]/}; (( t < end )) || return 1
    read -r -t 0.005 -u "$WAIT_NAP" || true
  done
}
