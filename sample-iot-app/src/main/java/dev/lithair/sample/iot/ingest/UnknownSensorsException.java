package dev.lithair.sample.iot.ingest;

import java.util.List;

/** A batch names sensors that are not registered: it is refused whole. */
public class UnknownSensorsException extends RuntimeException {

    private final List<String> sensorIds;

    public UnknownSensorsException(List<String> sensorIds) {
        super("The batch has readings of unregistered sensors: " + String.join(", ", sensorIds.subList(0,
                Math.min(10, sensorIds.size()))) + (sensorIds.size() > 10 ? " and " + (sensorIds.size() - 10)
                        + " more" : "") + ". Nothing of the batch was stored; register them first.");
        this.sensorIds = List.copyOf(sensorIds);
    }

    public List<String> sensorIds() {
        return sensorIds;
    }
}
