package dev.lithair.sample.iot.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.sample.iot.sensor.Sensor;
import dev.lithair.sample.iot.sensor.SensorRepository;

/**
 * Applies batches of readings, each once.
 *
 * <p>A batch is one Lithair transaction: every reading is a {@code save(sensor, batchId)} of the sensor
 * with that reading, held until the transaction commits them as one atomic log record whose
 * idempotency key is the batch id. So a batch is stored whole or not at all, and a batch id already
 * applied (also before a restart) changes nothing. Each reading is its own update of the sensor, so
 * the sensor's {@code latestReading} history keeps every one of them, up to the declared window.
 *
 * <p>Thread-safe. Two batches updating the same sensor at once meet the sensor's {@code @Version}:
 * the one that commits second is refused whole and retried on the newer state, so no reading is lost.
 */
@Service
public class BatchIngestion {

    /**
     * An attempt fails only when another batch touching one of its sensors committed in between, so
     * each failure is someone else's progress: with fewer concurrent writers of one sensor than this,
     * every batch gets through.
     */
    private static final int ATTEMPTS = 32;

    private final SensorRepository sensors;
    private final TransactionTemplate transactions;
    private final CommittedSensorChanges committed;
    private final RecentBatches recent;

    public BatchIngestion(SensorRepository sensors, PlatformTransactionManager transactionManager,
            CommittedSensorChanges committed, RecentBatches recent) {
        this.sensors = sensors;
        this.transactions = new TransactionTemplate(transactionManager);
        this.committed = committed;
        this.recent = recent;
    }

    /**
     * Applies {@code batch} unless its id was already applied.
     *
     * @throws UnknownSensorsException when a reading names an unregistered sensor; nothing is stored
     */
    public BatchOutcome apply(BatchReadingsAdded batch) {
        requireRegistered(batch);
        for (int attempt = 1;; attempt++) {
            try {
                long changes = committed.countWhile(() -> transactions.executeWithoutResult(status -> stage(batch)));
                boolean applied = changes > 0;
                if (applied) {
                    recent.remember(batch);
                }
                return new BatchOutcome(batch.batchId(), applied, batch.readings().size());
            } catch (OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void requireRegistered(BatchReadingsAdded batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.readings().forEach(reading -> ids.add(reading.sensorId()));
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (!sensors.existsById(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownSensorsException(unknown);
        }
    }

    /** Inside the transaction: reads see the batch's own earlier readings, so one sensor may appear often. */
    private void stage(BatchReadingsAdded batch) {
        for (SensorReading reading : batch.readings()) {
            Sensor sensor = sensors.findById(reading.sensorId())
                    .orElseThrow(() -> new UnknownSensorsException(List.of(reading.sensorId())));
            sensors.save(sensor.withReading(reading.reading()), batch.batchId());
        }
    }
}
