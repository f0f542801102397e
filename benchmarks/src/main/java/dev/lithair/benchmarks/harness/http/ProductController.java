package dev.lithair.benchmarks.harness.http;

import java.math.BigDecimal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;

/** The two routes the HTTP workload loads. */
@RestController
public class ProductController {

    private static final Product CONSTANT = new Product("p0", "Product 0", "category-0", new BigDecimal("10.00"), 0);

    private final SystemUnderTest system;

    public ProductController(SystemUnderTest system) {
        this.system = system;
    }

    @GetMapping("/api/products/{id}")
    public ResponseEntity<Product> product(@PathVariable String id) {
        Product product = system.findById(id);
        return product == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(product);
    }

    @GetMapping("/constant/products/{id}")
    public Product constant(@PathVariable String id) {
        return CONSTANT;
    }
}
