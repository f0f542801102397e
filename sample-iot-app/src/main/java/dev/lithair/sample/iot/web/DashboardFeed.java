package dev.lithair.sample.iot.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.iot.sensor.Reading;
import dev.lithair.sample.iot.sensor.SensorRepository;
import dev.lithair.sample.iot.stats.IotStatistics;
import dev.lithair.sample.iot.stats.IotStats;

/**
 * Pushes the dashboard's data as server-sent events: a {@code stats} event with {@link IotStats} every
 * second, and for a subscriber that follows a sensor, a {@code readings} event with that sensor's
 * retained readings. Statistics are computed once per tick whatever the number of subscribers.
 * Thread-safe; sending runs on the scheduler's thread.
 */
@Component
class DashboardFeed {

    private record Subscriber(SseEmitter emitter, String sensorId) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final IotStatistics statistics;
    private final SensorRepository sensors;

    DashboardFeed(IotStatistics statistics, SensorRepository sensors) {
        this.statistics = statistics;
        this.sensors = sensors;
    }

    /** A new stream, sent the current figures at once and then every second. */
    SseEmitter subscribe(String sensorId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(emitter, sensorId == null || sensorId.isBlank() ? null : sensorId);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        // The first figures go out before the ticks may reach this subscriber, so its events never interleave.
        send(subscriber, statistics.current());
        subscribers.add(subscriber);
        return emitter;
    }

    @Scheduled(fixedRate = 1000, initialDelay = 1000)
    void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        IotStats stats = statistics.current();
        for (Subscriber subscriber : subscribers) {
            send(subscriber, stats);
        }
    }

    private void send(Subscriber subscriber, IotStats stats) {
        try {
            subscriber.emitter().send(SseEmitter.event().name("stats").data(stats, MediaType.APPLICATION_JSON));
            if (subscriber.sensorId() != null) {
                subscriber.emitter().send(SseEmitter.event().name("readings")
                        .data(Map.of("sensorId", subscriber.sensorId(), "readings", recent(subscriber.sensorId())),
                                MediaType.APPLICATION_JSON));
            }
        } catch (IOException | IllegalStateException e) {
            // The browser went away: forget it; the servlet container ends the response.
            subscribers.remove(subscriber);
            subscriber.emitter().completeWithError(e);
        }
    }

    private List<Reading> recent(String sensorId) {
        List<Reading> readings = new ArrayList<>();
        if (sensors.existsById(sensorId)) {
            for (FieldChange change : sensors.history(sensorId, "latestReading")) {
                if (change.newValue() instanceof Reading reading) {
                    readings.add(reading);
                }
            }
        }
        return readings;
    }
}
