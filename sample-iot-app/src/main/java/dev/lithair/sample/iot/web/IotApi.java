package dev.lithair.sample.iot.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.iot.ingest.BatchIngestion;
import dev.lithair.sample.iot.ingest.BatchOutcome;
import dev.lithair.sample.iot.ingest.BatchReadingsAdded;
import dev.lithair.sample.iot.ingest.ReadingGenerator;
import dev.lithair.sample.iot.ingest.RecentBatches;
import dev.lithair.sample.iot.sensor.Reading;
import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.sample.iot.sensor.SensorRepository;
import dev.lithair.sample.iot.stats.IotStatistics;
import dev.lithair.sample.iot.stats.IotStats;

/** The IoT API: sensors, batches of readings, generated load, statistics and the dashboard's stream. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class IotApi {

    /** Readings one {@code generate-fresh} call may produce: it runs inside the request. */
    static final long MAX_GENERATED_READINGS = 1_000_000;

    private final SensorRepository sensors;
    private final BatchIngestion ingestion;
    private final ReadingGenerator generator;
    private final RecentBatches recentBatches;
    private final IotStatistics statistics;
    private final DashboardFeed feed;

    IotApi(SensorRepository sensors, BatchIngestion ingestion, ReadingGenerator generator, RecentBatches recentBatches,
            IotStatistics statistics, DashboardFeed feed) {
        this.sensors = sensors;
        this.ingestion = ingestion;
        this.generator = generator;
        this.recentBatches = recentBatches;
        this.statistics = statistics;
        this.feed = feed;
    }

    /** Registers a sensor; registering the same sensor again is harmless, another one under its id is refused. */
    @PostMapping(path = "/sensors", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Sensor> register(@Valid @RequestBody RegisterSensor request) {
        var existing = sensors.findById(request.id());
        if (existing.isPresent()) {
            Sensor sensor = existing.get();
            if (sensor.location().equals(request.location()) && sensor.kind() == request.kind()) {
                return ResponseEntity.ok(sensor);
            }
            throw new ProblemException(HttpStatus.CONFLICT, "Sensor already registered", "Sensor " + request.id()
                    + " is registered as a " + sensor.kind() + " sensor at " + sensor.location() + ".");
        }
        Sensor saved = sensors.save(Sensor.register(request.id(), request.location(), request.kind()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(saved.id()).toUri()).body(saved);
    }

    @GetMapping("/sensors/{id}")
    Sensor sensor(@PathVariable String id) {
        return sensors.findById(id).orElseThrow(() -> unknownSensor(id));
    }

    /** The sensor's retained readings measured in {@code [from, to)}, oldest first. */
    @GetMapping("/sensors/{id}/readings")
    SensorReadings readings(@PathVariable String id, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid range",
                    "'from' (" + from + ") must not be after 'to' (" + to + ").");
        }
        Sensor sensor = sensors.findById(id).orElseThrow(() -> unknownSensor(id));
        List<Reading> readings = new ArrayList<>();
        for (FieldChange change : sensors.history(id, "latestReading")) {
            Reading reading = (Reading) change.newValue();
            if (reading != null && (from == null || !reading.at().isBefore(from))
                    && (to == null || reading.at().isBefore(to))) {
                readings.add(reading);
            }
        }
        return new SensorReadings(id, from, to, Sensor.RECENT_READINGS, sensor.readingsCount(), readings);
    }

    /** The sensors at a location, by id: one lookup in the location index. */
    @GetMapping("/locations/{location}/sensors")
    List<Sensor> sensorsAt(@PathVariable String location) {
        List<Sensor> found = new ArrayList<>(sensors.findByLocation(location));
        found.sort(Comparator.comparing(Sensor::id));
        return found;
    }

    /** Applies a batch of readings once: the same batch id again changes nothing. */
    @PostMapping(path = "/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchOutcome addBatch(@Valid @RequestBody BatchReadingsAdded batch) {
        return ingestion.apply(batch);
    }

    /** Simulates gateways: registers the first {@code sensors} sensors and sends {@code readings} ticks. */
    @PostMapping("/generate-fresh")
    ReadingGenerator.GenerationReport generateFresh(@RequestParam @Min(1) @Max(10_000) int sensors,
            @RequestParam @Min(1) @Max(100_000) int readings) {
        if ((long) sensors * readings > MAX_GENERATED_READINGS) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Too many readings", "sensors x readings is "
                    + (long) sensors * readings + "; one call generates at most " + MAX_GENERATED_READINGS
                    + ". Call again to generate more.");
        }
        return generator.generate(sensors, readings);
    }

    @GetMapping("/stats")
    IotStats stats() {
        return statistics.current();
    }

    /** Sends the newest applied batches again and reports that none was applied twice. */
    @PostMapping("/test-duplicates")
    DuplicateTestReport testDuplicates(@RequestParam(defaultValue = "10") @Min(1) @Max(1000) int count) {
        List<BatchReadingsAdded> batches = recentBatches.newest(count);
        if (batches.isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "No batch to re-send",
                    "No batch was applied since start-up: POST /api/generate-fresh or /api/batches first.");
        }
        long before = statistics.totals().readingsReceived();
        int appliedAgain = 0;
        List<String> ids = new ArrayList<>();
        for (BatchReadingsAdded batch : batches) {
            if (ingestion.apply(batch).applied()) {
                appliedAgain++;
            }
            if (ids.size() < 10) {
                ids.add(batch.batchId());
            }
        }
        long after = statistics.totals().readingsReceived();
        return new DuplicateTestReport(batches.size(), appliedAgain, batches.size() - appliedAgain, before, after, ids);
    }

    /** Server-sent events for the dashboard: {@code stats} every second, and {@code readings} of one sensor. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String sensor) {
        return feed.subscribe(sensor);
    }

    private static ProblemException unknownSensor(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Unknown sensor", "No sensor " + id + " is registered.");
    }
}
