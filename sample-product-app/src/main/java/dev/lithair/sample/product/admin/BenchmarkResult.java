package dev.lithair.sample.product.admin;

/**
 * What one engine benchmark measured.
 *
 * @param events          product events committed (creations, then price updates)
 * @param threads         concurrent writers
 * @param fsync           the store's fsync policy during the run ({@code lithair.storage.fsync})
 * @param seconds         wall time of the timed part
 * @param eventsPerSecond events / seconds
 * @param p50Micros       median latency of one repository save, in microseconds
 * @param p99Micros       99th percentile
 * @param maxMicros       slowest save
 */
public record BenchmarkResult(int events, int threads, String fsync, double seconds, long eventsPerSecond,
        long p50Micros, long p99Micros, long maxMicros) {
}
