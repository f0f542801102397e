package dev.lithair.spring.repository.ledger;

import java.math.BigDecimal;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;

/** A price tag whose every field keeps every change, with optimistic locking. */
public record PriceTag(@Id String id, @Historize(HistoryPolicy.FULL) String label,
        @Historize(HistoryPolicy.FULL) BigDecimal price, @Version Long version) {

    public PriceTag withPrice(String newPrice) {
        return new PriceTag(id, label, new BigDecimal(newPrice), version);
    }
}
