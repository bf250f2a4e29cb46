# Sourced by the saves benchmarks: BENCH_USERS (default 64) users, each with an HS256 access token shaped like
# Supabase's (as the token command mints them), signed with JWT_SECRET and valid for $1 seconds (default 3600),
# exported as BENCH_USERS_TOKENS="<uuid> <token>;<uuid> <token>;..." for scripts/bench.d/saves.lua.
bench_tokens() {
  local lifetime=${1:-3600} now id header payload signature users=""
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  now=$(date +%s)
  for _ in $(seq 1 "${BENCH_USERS:-64}"); do
    id=$(cat /proc/sys/kernel/random/uuid)
    header=$(printf '{"alg":"HS256"}' | b64url)
    payload=$(printf '{"sub":"%s","aud":"authenticated","role":"authenticated","email":"bench-%s@example.com","iat":%d,"exp":%d}' \
      "$id" "${id:0:8}" "$now" $((now + lifetime)) | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$JWT_SECRET" -binary | b64url)
    users="$users$id $header.$payload.$signature;"
  done
  export BENCH_USERS_TOKENS="$users"
}
