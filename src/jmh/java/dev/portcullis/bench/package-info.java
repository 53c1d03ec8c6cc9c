/** JMH microbenchmarks of the hot paths under load (built only with {@code -Pbench}; see docs/benchmarks.md). */
package dev.portcullis.bench;
