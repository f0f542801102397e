package dev.lithair.sample.product.order;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.product.catalog.Product;
import dev.lithair.sample.product.catalog.ProductRepository;
import dev.lithair.sample.product.web.InvalidRequestException;
import dev.lithair.sample.product.web.NotFoundException;

/**
 * Orders: customers place them and see their own; employees and admins see all and move them along
 * their life (paid, shipped, delivered, cancelled), each status change kept in the order's history.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

    private final OrderRepository orders;
    private final ProductRepository products;
    private final Clock clock;

    public OrderController(OrderRepository orders, ProductRepository products) {
        this.orders = orders;
        this.products = products;
        this.clock = Clock.systemUTC();
    }

    /** Places an order at the catalogue's current prices (customers only, see the security configuration). */
    @PostMapping
    public ResponseEntity<Order> place(@Valid @RequestBody OrderForm form, Authentication caller) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderForm.Item item : form.lines()) {
            Product product = products.findById(item.productId()).orElseThrow(
                    () -> new InvalidRequestException("No product with id '" + item.productId() + "' to order"));
            lines.add(new OrderLine(product.id(), product.name(), product.price(), item.quantity()));
        }
        Order placed = orders.save(Order.place(caller.getName(), lines, clock.instant()));
        return ResponseEntity.created(URI.create("/api/orders/" + placed.id())).body(placed);
    }

    /**
     * A page of orders, newest first by default: a customer's own; for staff, all, or one customer's,
     * optionally of one status or placed within {@code [from, to]}.
     */
    @GetMapping
    public PagedModel<Order> list(@RequestParam(required = false) String customer,
            @RequestParam(required = false) OrderStatus status, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @PageableDefault(size = 20, sort = "placedAt", direction = Sort.Direction.DESC) Pageable pageable,
            Authentication caller) {
        String who = Staff.is(caller) ? customer : caller.getName();
        if (customer != null && !customer.equals(who)) {
            throw new ForbiddenOrderException("A customer sees only their own orders");
        }
        Page<Order> page;
        if (from != null || to != null) {
            if (who != null || status != null) {
                throw new InvalidRequestException("from/to cannot be combined with customer or status");
            }
            page = orders.findByPlacedAtBetween(from == null ? Instant.EPOCH : from,
                    to == null ? Instant.now() : to, pageable);
        } else if (who != null) {
            page = status == null ? orders.findByCustomer(who, pageable)
                    : orders.findByCustomerAndStatus(who, status, pageable);
        } else {
            page = status == null ? orders.findAll(pageable) : orders.findByStatus(status, pageable);
        }
        return new PagedModel<>(page);
    }

    @GetMapping("/{id}")
    public Order get(@PathVariable String id, Authentication caller) {
        Order order = orders.findById(id).orElseThrow(() -> new NotFoundException("Order", id));
        if (!Staff.is(caller) && !order.customer().equals(caller.getName())) {
            throw new ForbiddenOrderException("This order is another customer's");
        }
        return order;
    }

    /** Moves an order to its next status (staff only). */
    @PutMapping("/{id}/status")
    public Order changeStatus(@PathVariable String id, @Valid @RequestBody StatusChange change) {
        Order order = orders.findById(id).orElseThrow(() -> new NotFoundException("Order", id));
        if (!order.status().mayBecome(change.status())) {
            throw new IllegalStatusChangeException(order.status(), change.status());
        }
        return orders.save(order.withStatus(change.status(), change.version()));
    }

    /** Every status the order went through, with when and by whom. */
    @GetMapping("/{id}/history")
    public List<FieldChange> history(@PathVariable String id, Authentication caller) {
        get(id, caller);
        return orders.history(id, "status");
    }
}
