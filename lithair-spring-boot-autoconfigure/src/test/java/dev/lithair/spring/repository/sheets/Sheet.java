package dev.lithair.spring.repository.sheets;

import java.math.BigDecimal;
import java.util.Map;

/** A record holding values of every kind a limit bounds: text, a number, free-form nested data. */
public record Sheet(String id, String title, BigDecimal amount, Map<String, Object> details) {
}
