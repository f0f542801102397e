package dev.lithair.sample.product.erasure;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/customers/{username}/erasure}: admins only (see the security configuration). The
 * erased values leave the data directory at the next compaction ({@code POST /lithair/admin/compact}).
 */
@RestController
public class CustomerErasureController {

    private final CustomerErasure erasure;

    public CustomerErasureController(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/api/admin/customers/{username}/erasure")
    public ErasedCustomer erase(@PathVariable String username) {
        return erasure.erase(username);
    }
}
