#!/usr/bin/env bash
# Makes the keys and certificates the members of e2e-tests/docker/compose-cluster.yml use for mutual TLS
# on their Raft port: a certificate authority of this cluster's own, and a key and certificate it issues
# to node1, node2 and node3 (EC P-256, with openssl). Members trust the authority's certificate only, so
# only its certificates get in.
#
# The files go into e2e-tests/docker/cluster-certs/ (git-ignored; private keys are never committed), or
# the directory given. The compose file mounts into each member its own key and certificate and the
# authority's certificate, never the authority's key. An existing set is kept; --force makes a new one
# (restart every member afterwards: a member reads its certificate at start).
#
# Usage: e2e-tests/docker/make-cluster-certs.sh [--force] [directory]
set -euo pipefail

force=false
if [ "${1:-}" = "--force" ]; then
    force=true
    shift
fi
dir=${1:-$(dirname "$0")/cluster-certs}
members=(node1 node2 node3)

if [ -e "$dir/ca.pem" ] && [ "$force" = false ]; then
    echo "cluster certificates: $dir already holds a set (--force makes a new one)"
    exit 0
fi
command -v openssl >/dev/null || { echo "cluster certificates: openssl is required" >&2; exit 1; }

mkdir -p "$dir"
# Private keys readable by their owner only.
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A member is both a TLS server (peers connect to it) and a client (it connects to them).
cat >"$work/member.ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
EXT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
    -subj "/CN=lithair-compose-cluster-ca" -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
for member in "${members[@]}"; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$member" \
        -keyout "$work/$member.key" -out "$work/$member.csr" 2>/dev/null
    openssl x509 -req -in "$work/$member.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
        -days 365 -extfile "$work/member.ext" -out "$work/$member.pem" 2>/dev/null
    openssl verify -CAfile "$work/ca.pem" "$work/$member.pem" >/dev/null
done

# The set replaces the old one only once it is whole.
for file in ca.key ca.pem "${members[@]/%/.key}" "${members[@]/%/.pem}"; do
    mv -f "$work/$file" "$dir/$file"
done
chmod 644 "$dir"/*.pem
echo "cluster certificates: authority and ${members[*]} in $dir (keep ca.key off the members)"
