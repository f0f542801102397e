package dev.lithair.sample.iot.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.lithair.sample.iot.sensor.Reading;
import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.sample.iot.sensor.SensorKind;
import dev.lithair.sample.iot.sensor.SensorRepository;

/**
 * Simulates a fleet of gateways: sensors {@code sensor-00001} ... spread over a few locations, each
 * reporting one reading per second; every second each gateway (up to {@value #SENSORS_PER_GATEWAY}
 * sensors) sends one batch. Values follow a daily cycle per kind with a per-sensor phase and some
 * noise. Readings continue after the newest reading of the sensors involved, so successive runs extend
 * the series instead of overlapping it.
 *
 * <p>Thread-safe (each call has its own random source); concurrent calls produce interleaved series.
 */
@Service
public class ReadingGenerator {

    /** Sensors sharing one gateway, so one batch. */
    public static final int SENSORS_PER_GATEWAY = 500;

    public static final List<String> LOCATIONS = List.of("greenhouse-north", "greenhouse-south", "cold-room-1",
            "cold-room-2", "office-3f", "warehouse-a", "warehouse-b", "server-room");

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final double SECONDS_PER_DAY = 86_400;

    private final SensorRepository sensors;
    private final BatchIngestion ingestion;
    private final Clock clock;

    public ReadingGenerator(SensorRepository sensors, BatchIngestion ingestion) {
        this.sensors = sensors;
        this.ingestion = ingestion;
        this.clock = Clock.systemUTC();
    }

    /** The id of the {@code n}-th simulated sensor, from 1. */
    public static String sensorId(int n) {
        return String.format("sensor-%05d", n);
    }

    /**
     * Registers the missing sensors among the first {@code sensorCount}, then sends
     * {@code readingsPerSensor} ticks of fresh batches.
     */
    public GenerationReport generate(int sensorCount, int readingsPerSensor) {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>(sensorCount);
        for (int n = 1; n <= sensorCount; n++) {
            ids.add(sensorId(n));
        }
        Map<String, Sensor> existing = new HashMap<>();
        sensors.findAllById(ids).forEach(sensor -> existing.put(sensor.id(), sensor));
        List<Sensor> missing = new ArrayList<>();
        for (int n = 1; n <= sensorCount; n++) {
            if (!existing.containsKey(sensorId(n))) {
                missing.add(Sensor.register(sensorId(n), LOCATIONS.get((n - 1) % LOCATIONS.size()),
                        SensorKind.values()[(n - 1) % SensorKind.values().length]));
            }
        }
        sensors.saveAll(missing);

        Instant newest = existing.values().stream().filter(sensor -> sensor.latestReading() != null)
                .map(sensor -> sensor.latestReading().at()).max(Instant::compareTo).orElse(Instant.MIN);
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(INTERVAL.multipliedBy(readingsPerSensor));
        if (!newest.isBefore(start)) {
            start = newest.plus(INTERVAL);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        SplittableRandom random = new SplittableRandom();
        int batches = 0;
        String firstBatchId = null;
        String lastBatchId = null;
        for (int tick = 0; tick < readingsPerSensor; tick++) {
            Instant at = start.plus(INTERVAL.multipliedBy(tick));
            for (int gateway = 0; gateway * SENSORS_PER_GATEWAY < sensorCount; gateway++) {
                int from = gateway * SENSORS_PER_GATEWAY;
                int to = Math.min(sensorCount, from + SENSORS_PER_GATEWAY);
                List<SensorReading> readings = new ArrayList<>(to - from);
                for (int index = from; index < to; index++) {
                    int n = index + 1;
                    SensorKind kind = SensorKind.values()[index % SensorKind.values().length];
                    readings.add(new SensorReading(sensorId(n), at, value(kind, n, at, random)));
                }
                lastBatchId = "gen-" + run + "-g" + gateway + "-t" + tick;
                if (firstBatchId == null) {
                    firstBatchId = lastBatchId;
                }
                ingestion.apply(new BatchReadingsAdded(lastBatchId, readings));
                batches++;
            }
        }
        long elapsedMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        long readings = (long) sensorCount * readingsPerSensor;
        return new GenerationReport(sensorCount, missing.size(), batches, readings, firstBatchId, lastBatchId,
                elapsedMillis, Math.round(readings * 1000.0 / elapsedMillis));
    }

    /** A plausible value: a daily cycle (peaking mid-afternoon), shifted per sensor, plus noise. */
    static double value(SensorKind kind, int sensor, Instant at, SplittableRandom random) {
        double dayFraction = (at.getEpochSecond() % (long) SECONDS_PER_DAY) / SECONDS_PER_DAY;
        double phase = (sensor % 17) / 17.0 * 0.2;
        double cycle = Math.sin(2 * Math.PI * (dayFraction - 0.375 + phase));
        double noise = random.nextDouble(-1, 1);
        double value = switch (kind) {
            case TEMPERATURE -> 18 + (sensor % 7) + 4 * cycle + 0.3 * noise;
            case HUMIDITY -> 55 - 12 * cycle + 1.5 * noise;
            case CO2 -> 450 + 250 * Math.max(0, cycle) + 15 * noise;
        };
        return Math.round(value * 100) / 100.0;
    }

    /**
     * What a generation did.
     *
     * @param sensors           sensors reporting
     * @param sensorsRegistered of which newly registered
     * @param batches           batches sent, each applied once
     * @param readings          readings sent
     * @param firstBatchId      id of the first batch
     * @param lastBatchId       id of the last batch
     * @param elapsedMillis     wall time, including durable commits
     * @param readingsPerSecond readings over wall time
     */
    public record GenerationReport(int sensors, int sensorsRegistered, int batches, long readings, String firstBatchId,
            String lastBatchId, long elapsedMillis, long readingsPerSecond) {
    }
}
