package dev.lithair.sample.iot.ingest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A batch of readings as a gateway sends it: the batch id is the idempotency key of the whole batch,
 * so a batch sent twice (a gateway retrying after a lost acknowledgement) is applied once.
 *
 * @param batchId  the batch's id, unique per gateway and tick
 * @param readings the readings, of one or more sensors, applied in order
 */
public record BatchReadingsAdded(
        @NotBlank @Size(max = MAX_BATCH_ID_LENGTH) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                message = "may contain only letters, digits, '.', '_', ':' and '-'") String batchId,
        @NotEmpty @Size(max = MAX_READINGS) List<@NotNull @Valid SensorReading> readings) {

    public static final int MAX_BATCH_ID_LENGTH = 100;

    /** Readings in one batch: one log record each batch, so a bound on its size. */
    public static final int MAX_READINGS = 10_000;
}
