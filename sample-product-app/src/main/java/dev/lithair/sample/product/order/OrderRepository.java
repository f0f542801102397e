package dev.lithair.sample.product.order;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import dev.lithair.spring.repository.LithairRepository;

/** Orders; every query below is answered from an index declared on {@link Order}. */
public interface OrderRepository extends LithairRepository<Order, String> {

    Page<Order> findByCustomer(String customer, Pageable pageable);

    /** All of one customer's orders, unpaged. */
    List<Order> findAllByCustomer(String customer);

    Page<Order> findByStatus(OrderStatus status, Pageable pageable);

    Page<Order> findByCustomerAndStatus(String customer, OrderStatus status, Pageable pageable);

    Page<Order> findByPlacedAtBetween(Instant from, Instant to, Pageable pageable);

    long countByStatus(OrderStatus status);
}
