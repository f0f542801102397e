package dev.lithair.spring.boot.autoconfigure.admin;

/**
 * Receives every admin action besides the {@code lithair.admin.audit} log, for instance to keep it in an
 * audit store. Beans of this type are called in order, on the request's thread; one that throws is
 * logged and does not fail the request.
 */
@FunctionalInterface
public interface LithairAdminAuditSink {

    /**
     * Records one admin event.
     *
     * @param event the event
     */
    void record(AdminAuditEvent event);
}
