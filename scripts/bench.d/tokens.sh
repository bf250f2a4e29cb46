# Sourced by the saves benchmarks: BENCH_USERS (default 64) users, each with an HS256 access token carrying the header
# and claims Supabase Auth puts in its access tokens (../shared/contract/supabase.md, "Access tokens": kid and typ in
# the header; iss, sub, aud, exp, iat, email, phone, app_metadata, user_metadata, role, aal, amr, session_id,
# is_anonymous), signed with JWT_SECRET and valid for $1 seconds (default 3600), exported as
# BENCH_USERS_TOKENS="<uuid> <token>;<uuid> <token>;..." for scripts/bench.d/saves.lua. Their length matters (about
# 920 characters here, more with richer user_metadata): each request's token is parsed and
# verified whole, and one longer than Dropwizard's headerCacheSize (512 bytes) stays out of Jetty's per-connection
# header cache. A 260-character token with five claims fitted in it, so every request of a connection (a new user's
# token each time) rebuilt the cache: about 7 % of the service's JFR samples, a cost real tokens do not have.
bench_tokens() {
  local lifetime=${1:-3600} now id session header payload signature users=""
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  now=$(date +%s)
  for _ in $(seq 1 "${BENCH_USERS:-64}"); do
    id=$(cat /proc/sys/kernel/random/uuid)
    session=$(cat /proc/sys/kernel/random/uuid)
    header=$(printf '{"alg":"HS256","kid":"bench-kid-0001","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"https://bench.supabase.co/auth/v1","sub":"%s","aud":"authenticated","exp":%d,"iat":%d,%s%s' \
      "$id" $((now + lifetime)) "$now" \
      "$(printf '"email":"bench-%s@example.com","phone":"","app_metadata":{"provider":"email","providers":["email"]},' "${id:0:8}")" \
      "$(printf '"user_metadata":{"email":"bench-%s@example.com","email_verified":true,"first_name":"Bench","last_name":"User %s","phone_verified":false,"sub":"%s"},"role":"authenticated","aal":"aal1","amr":[{"method":"password","timestamp":%d}],"session_id":"%s","is_anonymous":false}' \
        "${id:0:8}" "${id:0:8}" "$id" "$now" "$session")" | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$JWT_SECRET" -binary | b64url)
    users="$users$id $header.$payload.$signature;"
  done
  export BENCH_USERS_TOKENS="$users"
}
