package dev.lithair.sample.product.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.history.FieldChange;
import dev.lithair.sample.product.web.InvalidRequestException;
import dev.lithair.sample.product.web.UnknownFieldException;

/** The catalogue over HTTP: CRUD, paged and sorted lists, and the retained history of a product's fields. */
@RestController
@RequestMapping("/api/products")
public class ProductController {

    /** What the store's idempotency key adds before the client's {@code Idempotency-Key}. */
    private static final String KEY_PREFIX = "create-product:";

    private final ProductRepository products;
    private final int maxIdempotencyKeyLength;

    /**
     * @param maxStoreKeyLength the store's cap on idempotency keys ({@code lithair.idempotency.max-key-length}): a
     *                          client's key may take what the prefix leaves of it
     */
    public ProductController(ProductRepository products,
            @Value("${lithair.idempotency.max-key-length:256}") int maxStoreKeyLength) {
        this.products = products;
        this.maxIdempotencyKeyLength = maxStoreKeyLength - KEY_PREFIX.length();
    }

    /**
     * Creates a product. With an {@code Idempotency-Key} header, a retried request (same key) creates
     * nothing more and answers with the product the first one created. A key longer than the store keeps
     * is refused with 400, before anything is written.
     */
    @PostMapping
    public ResponseEntity<Product> create(@Valid @RequestBody ProductForm form,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (form.version() != null) {
            throw new InvalidRequestException("a new product has no version; send none");
        }
        if (idempotencyKey != null && idempotencyKey.length() > maxIdempotencyKeyLength) {
            throw new InvalidRequestException("the Idempotency-Key header has " + idempotencyKey.length()
                    + " characters; at most " + maxIdempotencyKeyLength + " are accepted");
        }
        if (idempotencyKey == null) {
            Product created = products.save(Product.newProduct(null, form.name(), form.category(), form.price()));
            return ResponseEntity.created(URI.create("/api/products/" + created.id())).body(created);
        }
        // The id is derived from the key, so a retry names the same product: the repository then answers
        // with the stored one (with a generated id, a retry would carry a fresh id nobody stored).
        String id = UUID.nameUUIDFromBytes(("product:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        Product created = products.save(Product.newProduct(id, form.name(), form.category(), form.price()),
                KEY_PREFIX + idempotencyKey);
        return ResponseEntity.created(URI.create("/api/products/" + created.id())).body(created);
    }

    /** A page of products, optionally of one category and within a price range, sorted as asked. */
    @GetMapping
    public PagedModel<Product> list(@RequestParam(required = false) String category,
            @RequestParam(required = false) BigDecimal minPrice, @RequestParam(required = false) BigDecimal maxPrice,
            @PageableDefault(size = 20, sort = "name") Pageable pageable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!Product.FIELDS.contains(order.getProperty())) {
                throw new UnknownFieldException(order.getProperty(), Product.FIELDS);
            }
        }
        return new PagedModel<>(find(category, minPrice, maxPrice, pageable));
    }

    private Page<Product> find(String category, BigDecimal minPrice, BigDecimal maxPrice, Pageable pageable) {
        if (minPrice == null && maxPrice == null) {
            return category == null ? products.findAll(pageable) : products.findByCategory(category, pageable);
        }
        BigDecimal min = minPrice == null ? BigDecimal.ZERO : minPrice;
        BigDecimal max = maxPrice == null ? new BigDecimal("1e15") : maxPrice;
        if (min.compareTo(max) > 0) {
            throw new InvalidRequestException("minPrice " + min + " is above maxPrice " + max);
        }
        return category == null ? products.findByPriceBetween(min, max, pageable)
                : products.findByCategoryAndPriceBetween(category, min, max, pageable);
    }

    @GetMapping("/{id}")
    public Product get(@PathVariable String id) {
        return current(id);
    }

    /**
     * The product's name, category and price as they were at {@code asOf} (an ISO-8601 instant), from
     * their retained history: 404 if it did not exist then, 422 naming the fields whose kept history no
     * longer reaches back that far.
     */
    @GetMapping(path = "/{id}", params = "asOf")
    public ProductAsOf getAsOf(@PathVariable String id, @RequestParam Instant asOf) {
        return ProductAsOf.of(id, asOf, products.history(id));
    }

    private Product current(String id) {
        return products.findById(id).orElseThrow(() -> new ProductNotFoundException(id));
    }

    /** Replaces the editable fields; the body's {@code version} must be the one last read. */
    @PutMapping("/{id}")
    public Product update(@PathVariable String id, @Valid @RequestBody ProductForm form) {
        if (form.version() == null) {
            throw new InvalidRequestException(
                    "version is required: send the version you read, so a concurrent change is not overwritten");
        }
        Product current = current(id);
        return products.save(current.edited(form.name(), form.category(), form.price(), form.version()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        if (!products.existsById(id)) {
            throw new ProductNotFoundException(id);
        }
        products.deleteById(id);
    }

    /** The retained changes of the product's fields (or of one), oldest first; creation is the first. */
    @GetMapping("/{id}/history")
    public List<FieldChange> history(@PathVariable String id, @RequestParam(required = false) String field) {
        if (field != null && !Product.FIELDS.contains(field)) {
            throw new UnknownFieldException(field, Product.FIELDS);
        }
        List<FieldChange> changes = field == null ? products.history(id) : products.history(id, field);
        if (changes.isEmpty() && !products.existsById(id)) {
            throw new ProductNotFoundException(id);
        }
        return changes;
    }
}
