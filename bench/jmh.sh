#!/usr/bin/env bash
# JMH microbenchmarks (src/jmh/java, Maven profile `bench`, built into target/jmh so the normal
# build is untouched): bench/jmh.sh [JMH options], default a short run: -wi 2 -i 3 -f 1 -w 1s -r 1s
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(cd "$root" && bin/jdk ./mvnw -B -q -Pbench package -DskipTests) >&2
[ $# -gt 0 ] || set -- -wi 2 -i 3 -f 1 -w 1s -r 1s
exec "$root/bin/jdk" java --enable-native-access=ALL-UNNAMED -cp "$root/target/jmh/portcullis.jar" org.openjdk.jmh.Main \
  -jvmArgsAppend --enable-native-access=ALL-UNNAMED "$@"
