package dev.lithair.sample.product.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's stream of server-sent events. Each subscriber holds a connection and a request thread's
 * worth of server resources, so both how many and for how long are bounded; a browser's EventSource
 * reconnects by itself when a stream ends.
 *
 * @param maxSubscribers streams served at once; one more is answered 503 with Retry-After
 * @param streamTimeout  how long one stream lasts before the server ends it (the browser reconnects)
 * @param retryAfter     what a refused subscriber is told to wait before trying again
 */
@ConfigurationProperties("sample.dashboard")
public record DashboardProperties(@DefaultValue("100") int maxSubscribers, @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("10s") Duration retryAfter) {

    public DashboardProperties {
        if (maxSubscribers < 1) {
            throw new IllegalArgumentException("sample.dashboard.max-subscribers must be at least 1");
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalArgumentException("sample.dashboard.stream-timeout must be positive");
        }
    }
}
