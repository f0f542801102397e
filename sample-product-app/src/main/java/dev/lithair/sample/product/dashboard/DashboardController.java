package dev.lithair.sample.product.dashboard;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The dashboard's data: a server-sent-events stream of updates, and the same numbers on demand; one shop only. */
@RestController
@Profile("!tenants")
public class DashboardController {

    private final ChangeFeed feed;

    public DashboardController(ChangeFeed feed) {
        this.feed = feed;
    }

    /** {@code text/event-stream}: an {@code update} event at once, then one per tick. */
    @GetMapping(path = "/api/events/stream", produces = "text/event-stream")
    public SseEmitter stream() {
        return feed.subscribe();
    }

    @GetMapping("/api/dashboard/summary")
    public DashboardUpdate summary() {
        return feed.current();
    }
}
