#!/usr/bin/env bash
# Builds the local base image the end-to-end tests run the samples in: lithair-e2e/jre:17.
#
# No image registry is reachable from the machines this project builds on, so nothing can be
# pulled. The image is made locally instead: a jlink'ed Java 17 runtime, plus the shared libraries
# it links against, copied from this machine into a small root file system and `docker import`ed.
# The runtime sits at /opt/java/openjdk with java on the PATH, as in eclipse-temurin images, so the
# same Dockerfile (e2e-tests/docker/Dockerfile) serves both: with a registry, pass
# --build-arg BASE_IMAGE=eclipse-temurin:17-jre instead.
#
# Why a copied runtime rather than bind-mounting the host's JDK into each container: the image is
# self-contained, so containers, Testcontainers code and the compose file need no host paths, and
# they behave the same as with a Temurin image.
#
# Idempotent and fast when done: the image records a hash of this script and is rebuilt only when
# the script changed or when --force is given.
#
# Usage: e2e-tests/docker/build-base-image.sh [--force]
# Env:   LITHAIR_E2E_JDK  a JDK 17 with jmods (default: Debian's, else JAVA_HOME, JAVA_HOME_17_X64,
#                         /usr/lib/jvm/*17*, `java`'s: the first that is a 17 with jmods)
set -euo pipefail

IMAGE=lithair-e2e/jre:17
# Modules a Spring Boot web application with SOFAJRaft needs; jdk.httpserver for the smoke test,
# jdk.jcmd to inspect a running container.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,\
java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jcmd,jdk.jfr,jdk.management,\
jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

# One build at a time on this machine (a developer's shell and a test run may both call this).
exec 9>"${TMPDIR:-/tmp}/lithair-e2e-base-image.lock"
flock 9

force=false
[ "${1:-}" = "--force" ] && force=true

recipe=$(sha256sum "$0" | cut -c1-16)
current=$(docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE" 2>/dev/null \
    | sed -n 's/^LITHAIR_BASE_IMAGE_RECIPE=//p' || true)
if [ "$force" = false ] && [ "$current" = "$recipe" ]; then
    echo "base image: $IMAGE is up to date"
    exit 0
fi

find_jdk() {
    local candidate
    for candidate in "${LITHAIR_E2E_JDK:-}" /usr/lib/jvm/java-17-openjdk-amd64 "${JAVA_HOME:-}" \
            "${JAVA_HOME_17_X64:-}" /usr/lib/jvm/*17* \
            "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; do
        if [ -n "$candidate" ] && [ -d "$candidate/jmods" ] && [ -x "$candidate/bin/jlink" ] \
                && grep -q '^JAVA_VERSION="17' "$candidate/release" 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
jdk=$(find_jdk) || {
    echo "base image: no JDK 17 with jmods found; set LITHAIR_E2E_JDK (Debian: apt-get install openjdk-17-jdk)" >&2
    exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{opt/java,tmp,etc,bin,app/data}
chmod 1777 "$root/tmp"

echo "base image: jlink from $jdk"
"$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$root/opt/java/openjdk"

# Every shared library the runtime and /bin/sh link against, at the same path as on this machine,
# plus the dynamic loader; and the C and C++ runtime libraries that native code shipped inside jars
# expects (RocksDB's, under SOFAJRaft, asks for libpthread.so.0, which nothing in the JDK links).
cp -L /bin/dash "$root/bin/sh"
libc_dir=$(dirname "$(ldd /bin/dash | awk '$1 == "libc.so.6" {print $3}')")
{
    find "$root/opt/java/openjdk" "$root/bin" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
        | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}'
    for lib in libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libresolv.so.2 libutil.so.1 \
            libnss_dns.so.2 libnss_files.so.2 libgcc_s.so.1 libstdc++.so.6 libz.so.1; do
        for dir in "$libc_dir" /usr/lib/x86_64-linux-gnu /usr/lib64 /lib64; do
            if [ -e "$dir/$lib" ]; then echo "$dir/$lib"; break; fi
        done
    done
} | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done

cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/sh
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
echo 'hosts: files dns' >"$root/etc/nsswitch.conf"

echo "base image: importing $IMAGE"
tar -C "$root" -c . | docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/bin' \
    --change "ENV LITHAIR_BASE_IMAGE_RECIPE=$recipe" \
    --change 'WORKDIR /app' \
    --change 'CMD ["java", "-version"]' \
    - "$IMAGE" >/dev/null
# Captured, not piped into head: head's early exit would kill the pipe (SIGPIPE) under pipefail.
version=$(docker run --rm "$IMAGE" java -version 2>&1)
echo "${version%%$'\n'*}"
echo "base image: $IMAGE built ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
