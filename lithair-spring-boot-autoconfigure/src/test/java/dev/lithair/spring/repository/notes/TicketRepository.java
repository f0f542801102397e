package dev.lithair.spring.repository.notes;

import dev.lithair.spring.repository.LithairRepository;

public interface TicketRepository extends LithairRepository<Ticket, Long> {
}
