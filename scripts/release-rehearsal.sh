#!/usr/bin/env bash
# make release-rehearsal: build a release as the release workflow does, sign
# it with a throwaway key, serve it by the provider registry protocol on
# loopback over HTTPS, and install it with terraform init and tofu init,
# signature checked, then plan a data source with the installed provider
# against the fake API. Then prove that the checks bite: a tampered archive
# and a signature made by another key are each refused by both CLIs.
#
# Offline, and nothing outside a temporary directory is read or written
# (but for the Go caches and the matrix's CLI cache); everything it starts
# is stopped on exit. It needs gpg.
#
# Settings:
#   REHEARSAL_ALL=1  build every archive the release has (minutes per
#                    platform); by default, only this machine's
#   TERRAFORM        the Terraform CLI (default terraform on PATH)
#   TOFU             the OpenTofu CLI (default the one make matrix builds
#                    from tools/opentofu, built into its cache if missing)
#   GORELEASER       goreleaser's module@version (default GNUmakefile's)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$SECONDS
tmp=$(mktemp -d)
pids=()
staging=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -d "$tmp/gnupg" ]; then
    GNUPGHOME="$tmp/gnupg" gpgconf --kill all 2>/dev/null || true
    GNUPGHOME="$tmp/gnupg" gpgconf --remove-socketdir 2>/dev/null || true
  fi
  rm -rf "$tmp"
  # A CLI built for this run alone, when the cache already had one by then.
  if [ -n "${staging:-}" ]; then rm -rf "$staging"; fi
}
trap cleanup EXIT INT TERM

fail() { echo "release-rehearsal: $*" >&2; exit 1; }
step() { echo; echo "==> $*"; }
indent() { sed 's/^/    /'; }

command -v gpg >/dev/null && command -v gpgconf >/dev/null ||
  fail "gpg is not found: install GnuPG (Debian and Ubuntu: the gnupg package)"
terraform=${TERRAFORM:-terraform}
command -v "$terraform" >/dev/null || fail "$terraform is not found"
goreleaser=${GORELEASER:-$(sed -n 's/^GORELEASER *?= *//p' GNUmakefile)}
[ -n "$goreleaser" ] || fail "GORELEASER is not set and GNUmakefile names no goreleaser"

# The OpenTofu make matrix uses, built into the same cache the same way.
if [ -z "${TOFU:-}" ]; then
  cache=${MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-sarvam/cli}
  tofu_version=$(go list -C tools/opentofu -m -f '{{.Version}}' github.com/opentofu/opentofu)
  tofu_version=${tofu_version#v}
  TOFU="$cache/tofu-$tofu_version/tofu"
  if [ ! -x "$TOFU" ]; then
    # Built beside the cache entry, under a name of this run's own, so that
    # a build make matrix has under way is left alone; moved into place
    # only if that entry is still missing.
    staging="$cache/tofu-$tofu_version.rehearsal-$$"
    step "Building OpenTofu $tofu_version into $cache (once; minutes)"
    mkdir -p "$staging"
    nice -n 5 go build -C tools/opentofu -ldflags="-X github.com/opentofu/opentofu/version.dev=no" \
      -o "$staging/tofu" github.com/opentofu/opentofu/cmd/tofu
    if [ ! -e "$cache/tofu-$tofu_version" ]; then mv "$staging" "$cache/tofu-$tofu_version"; else TOFU="$staging/tofu"; fi
  fi
fi
[ -x "$TOFU" ] || command -v "$TOFU" >/dev/null || fail "$TOFU is not found"

# Every CLI run sees only this: its own home, CLI configuration and trusted
# certificate authority, no plugin cache, and nothing of the caller's
# TF_* settings.
cli() {
  local bin=$1; shift
  env -u TF_CLI_ARGS -u TF_CLI_ARGS_init -u TF_CLI_ARGS_plan -u TF_DATA_DIR -u TF_WORKSPACE \
    -u TF_PLUGIN_CACHE_DIR -u TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE -u TF_LOG -u TF_LOG_PATH \
    -u TOFU_CLI_CONFIG_FILE -u SSL_CERT_DIR \
    HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
    XDG_DATA_HOME="$tmp/home/.local/share" TF_CLI_CONFIG_FILE="$tmp/cli.tfrc" SSL_CERT_FILE="$tmp/ca.pem" \
    CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 OPENTOFU_ENFORCE_GPG_VALIDATION=true \
    "$bin" "$@"
}
cli_label() { cli "$1" version | head -1; }
# A CLI configuration that installs from registries only: no dev_overrides,
# no mirror, no plugin cache.
cat >"$tmp/cli.tfrc" <<'RC'
provider_installation {
  direct {}
}
RC

step "A throwaway RSA signing key, and another for the foreign signature"
export GNUPGHOME="$tmp/gnupg"
mkdir -m 700 "$GNUPGHOME" "$tmp/home"
gen_key() {
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "$1 <rehearsal@example.invalid>" rsa4096 sign 1d 2>/dev/null
  gpg --batch --with-colons --list-secret-keys "$1" 2>/dev/null | awk -F: '/^fpr:/ { print $10; exit }'
}
fingerprint=$(gen_key "terraform-provider-sarvam release rehearsal")
foreign_fingerprint=$(gen_key "another signer")
[ -n "$fingerprint" ] && [ -n "$foreign_fingerprint" ] || fail "gpg made no key"
key_id=${fingerprint: -16}
foreign_key_id=${foreign_fingerprint: -16}
algo=$(gpg --batch --with-colons --list-keys "$fingerprint" 2>/dev/null | awk -F: '/^pub:/ { print $4 "/" $3; exit }')
[ "${algo%%/*}" = 1 ] || fail "the key is not RSA (algorithm $algo): the Terraform Registry takes RSA or DSA keys only"
gpg --batch --armor --export "$fingerprint" >"$tmp/key.asc"
echo "signing key $key_id (RSA ${algo#*/} bits), foreign key $foreign_key_id"

step "goreleaser release --snapshot --clean --skip=publish, signing kept"
config="$tmp/goreleaser.yml"
grep -q '^dist:' .goreleaser.yml && fail ".goreleaser.yml sets dist:, which the rehearsal sets to a temporary directory"
{ cat .goreleaser.yml; echo; echo "dist: $tmp/dist"; } >"$config"
if [ "${REHEARSAL_ALL:-}" != 1 ]; then
  target="$(go env GOOS)_$(go env GOARCH)"
  # The first build of .goreleaser.yml, for this machine's platform only.
  sed -i "/^builds:/{n;s/^  - /  - targets: [$target]\n    /}" "$config"
  grep -q "targets: \[$target\]" "$config" || fail "could not narrow the build to $target"
  echo "only $target (REHEARSAL_ALL=1 builds every archive)"
fi
GPG_FINGERPRINT=$fingerprint nice -n 5 go run "$goreleaser" release --snapshot --clean --skip=publish \
  --config "$config" >"$tmp/goreleaser.log" 2>&1 || { cat "$tmp/goreleaser.log"; fail "goreleaser failed"; }
grep -E '(signing|checksumming|archives|building binaries|release succeeded)' "$tmp/goreleaser.log" | indent || true

step "The release's files"
dist="$tmp/dist"
sums=$(cd "$dist" && ls terraform-provider-sarvam_*_SHA256SUMS 2>/dev/null | head -1) || true
[ -n "$sums" ] || fail "goreleaser wrote no terraform-provider-sarvam_*_SHA256SUMS"
version=${sums#terraform-provider-sarvam_}
version=${version%_SHA256SUMS}
manifest="terraform-provider-sarvam_${version}_manifest.json"
[ -f "$dist/$sums.sig" ] || fail "no signature $sums.sig"
! grep -qa -- "-----BEGIN PGP SIGNATURE-----" "$dist/$sums.sig" ||
  fail "$sums.sig is ASCII-armoured; the registry protocol takes a binary signature"
gpg --batch --status-fd 1 --verify "$dist/$sums.sig" "$dist/$sums" >"$tmp/verify.out" 2>&1 || true
grep -q "VALIDSIG $fingerprint" "$tmp/verify.out" ||
  { indent <"$tmp/verify.out"; fail "$sums.sig is not a valid signature of $sums by $key_id"; }
grep -q "  $manifest\$" "$dist/$sums" || fail "$sums does not list $manifest"
# The release uploads the manifest from the work tree under this name
# (release.extra_files in .goreleaser.yml), not from dist.
if [ -f "$dist/$manifest" ]; then
  cmp -s "$dist/$manifest" terraform-registry-manifest.json || fail "$manifest is not terraform-registry-manifest.json"
else
  cp terraform-registry-manifest.json "$dist/$manifest"
fi
(cd "$dist" && sha256sum --quiet -c "$sums") || fail "a file does not match its line in $sums"
archives=$(awk '$2 ~ /\.zip$/ { print $2 }' "$dist/$sums")
[ -n "$archives" ] || fail "$sums lists no archive"
echo "version $version; $sums lists $(wc -l <<<"$archives") archive(s) and $manifest, signed (binary) by $key_id:"
indent <"$dist/$sums"

step "A registry on loopback over HTTPS"
reg="$tmp/registry"
mkdir -p "$reg/sarvamai/sarvam" "$reg/tampered/sarvam" "$reg/foreign/sarvam"
files=("$sums" "$sums.sig" "$manifest" $archives)
for ns in sarvamai tampered foreign; do
  for f in "${files[@]}"; do ln "$dist/$f" "$reg/$ns/sarvam/$f"; done
done
# tampered: this machine's archive changed after signing.
host_platform=$(cli "$terraform" version -json | sed -n 's/.*"platform": *"\([^"]*\)".*/\1/p')
[ -n "$host_platform" ] || fail "$terraform version -json names no platform"
archive="terraform-provider-sarvam_${version}_${host_platform}.zip"
[ -f "$dist/$archive" ] || fail "no archive for $host_platform, the platform the CLIs run on"
rm "$reg/tampered/sarvam/$archive"
cp "$dist/$archive" "$reg/tampered/sarvam/$archive"
printf 'tampered' >>"$reg/tampered/sarvam/$archive"
# foreign: the same files, the checksums signed by a key the registry does not offer.
rm "$reg/foreign/sarvam/$sums.sig"
gpg --batch --quiet --local-user "$foreign_fingerprint" --output "$reg/foreign/sarvam/$sums.sig" --detach-sign "$dist/$sums"

mkdir "$tmp/bin"
go build -o "$tmp/bin/registry" ./scripts/registry
go build -o "$tmp/bin/sarvam-fakeapi" ./cmd/sarvam-fakeapi
"$tmp/bin/registry" -dir "$reg" -key "$tmp/key.asc" -key-id "$key_id" -ca-file "$tmp/ca.pem" \
  -host-file "$tmp/host" 2>"$tmp/registry.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/host" ] && break; sleep 0.1; done
[ -s "$tmp/host" ] || { cat "$tmp/registry.log"; fail "the registry did not start"; }
host=$(cat "$tmp/host")
echo "https://$host: sarvamai/sarvam (as released), tampered/sarvam (the $host_platform archive changed after signing), foreign/sarvam (SHA256SUMS signed by $foreign_key_id)"

export SARVAM_API_KEY="rehearsal-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export SARVAM_ORG_ID=org-acme-finance SARVAM_WORKSPACE_ID=ws-collections
"$tmp/bin/sarvam-fakeapi" -listen 127.0.0.1:0 -addr-file "$tmp/fakeapi-addr" 2>"$tmp/fakeapi.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/fakeapi-addr" ] && break; sleep 0.1; done
[ -s "$tmp/fakeapi-addr" ] || { cat "$tmp/fakeapi.log"; fail "the fake API did not start"; }
export SARVAM_BASE_URL=$(cat "$tmp/fakeapi-addr")

# configuration DIR NAMESPACE: a fresh configuration requiring
# HOST/NAMESPACE/sarvam at exactly the release's version.
configuration() {
  mkdir -p "$1"
  cat >"$1/main.tf" <<TF
terraform {
  required_providers {
    sarvam = {
      source  = "$host/$2/sarvam"
      version = "$version"
    }
  }
}

provider "sarvam" {}

data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

output "campaign" {
  value = "\${data.sarvam_campaign.reminders.name} (\${data.sarvam_campaign.reminders.status})"
}
TF
}

want_hashes=$(awk '$2 ~ /\.zip$/ { print "zh:" $1 }' "$dist/$sums" | sort)
all_hashes=$(awk '{ print "zh:" $1 }' "$dist/$sums" | sort)

# install NAME BINARY: init from the registry, check the signature line and
# the lock file, and plan.
install() {
  local name=$1 bin=$2 dir="$tmp/work/$1"
  step "$(cli_label "$bin"): init from https://$host"
  configuration "$dir" sarvamai
  cli "$bin" -chdir="$dir" init -input=false -no-color >"$dir/init.out" 2>&1 ||
    { indent <"$dir/init.out"; fail "$name init failed"; }
  indent <"$dir/init.out"
  grep -E "Installed $host/sarvamai/sarvam v$version \((self-)?signed.*, key ID $key_id\)" "$dir/init.out" >/dev/null ||
    fail "$name init did not say that it installed $host/sarvamai/sarvam v$version signed by key ID $key_id"
  # Every archive's zh: hash, and nothing that is not in SHA256SUMS
  # (Terraform records the manifest's line too, OpenTofu only the archives').
  local got missing extra
  got=$(grep -o '"zh:[0-9a-f]*"' "$dir/.terraform.lock.hcl" | tr -d '"' | sort)
  missing=$(comm -23 <(echo "$want_hashes") <(echo "$got"))
  extra=$(comm -13 <(echo "$all_hashes") <(echo "$got"))
  [ -z "$missing" ] || fail "$name: the lock file lacks the zh: hash of archives in $sums:"$'\n'"$missing"
  [ -z "$extra" ] || fail "$name: the lock file has zh: hashes that are not in $sums:"$'\n'"$extra"
  echo "lock file: the zh: hash of each of the $(wc -l <<<"$want_hashes") archive(s) in $sums ($(wc -l <<<"$got") zh: in all, each a line of $sums), and $(grep -c '"h1:' "$dir/.terraform.lock.hcl") h1:"

  step "$(cli_label "$bin"): plan with the installed provider, against the fake API"
  cli "$bin" -chdir="$dir" plan -input=false -lock=false -no-color >"$dir/plan.out" 2>&1 ||
    { indent <"$dir/plan.out"; fail "$name plan failed"; }
  sed -n '/^Changes to Outputs/,$p' "$dir/plan.out" | indent
  grep -q 'campaign = "' "$dir/plan.out" || fail "$name plan shows no campaign output"
}

# refuse NAME BINARY NAMESPACE PATTERN WHAT: init from NAMESPACE must fail,
# saying PATTERN.
refuse() {
  local name=$1 bin=$2 ns=$3 pattern=$4 what=$5 dir="$tmp/work/$1-$3"
  step "$(cli_label "$bin"): init refuses $what"
  configuration "$dir" "$ns"
  if cli "$bin" -chdir="$dir" init -input=false -no-color >"$dir/init.out" 2>&1; then
    indent <"$dir/init.out"
    fail "$name init installed $host/$ns/sarvam: $what was not refused"
  fi
  sed -n '/^Error:/,$p' "$dir/init.out" | indent
  # The CLIs wrap their messages: the pattern may span lines.
  local joined
  joined=$(tr -s ' \n' '  ' <"$dir/init.out")
  grep -qE "$pattern" <<<"$joined" || fail "$name init failed, but not with \"$pattern\""
  [ ! -e "$dir/.terraform.lock.hcl" ] || fail "$name init wrote a lock file for $host/$ns/sarvam"
}

install terraform "$terraform"
install tofu "$TOFU"
for pair in "terraform $terraform" "tofu $TOFU"; do
  read -r name bin <<<"$pair"
  refuse "$name" "$bin" tampered "archive has incorrect checksum" "the tampered archive"
  refuse "$name" "$bin" foreign "authentication signature from unknown issuer" "the signature by another key"
done

echo
echo "release-rehearsal: passed in $((SECONDS - start)) s: $version signed by $key_id, installed by $(cli_label "$terraform") and $(cli_label "$TOFU"), planned, and the tampered archive and the foreign signature refused by both."
