package dev.lithair.spring.repository.shop;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock whose every reading is one millisecond after the previous one: instants never tie. */
public class TickingClock extends Clock {

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.incrementAndGet());
    }
}
