package dev.lithair.sample.product.order;

import java.math.BigDecimal;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's spending, read from the projection Lithair keeps up to date: O(1) per request. */
@RestController
public class CustomerAnalyticsController {

    /** The answer: count, total and average of the customer's orders that are not cancelled. */
    public record Analytics(String username, long orders, BigDecimal totalSpent, BigDecimal averageOrder) {
    }

    private final CustomerAnalytics analytics;

    public CustomerAnalyticsController(CustomerAnalytics analytics) {
        this.analytics = analytics;
    }

    /** A customer reads their own; staff read anyone's. */
    @GetMapping("/api/users/{username}/analytics")
    public Analytics of(@PathVariable String username, Authentication caller) {
        if (!Staff.is(caller) && !caller.getName().equals(username)) {
            throw new ForbiddenOrderException("A customer sees only their own analytics");
        }
        CustomerSpending spending = analytics.spendingOf(username);
        return new Analytics(username, spending.orders(), spending.totalSpent(), spending.averageOrder());
    }
}
