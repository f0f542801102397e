package dev.lithair.benchmarks.harness.http;

import java.math.BigDecimal;
import java.net.URI;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's API, and the same server's ceiling: {@code /ceiling/items} parses and answers as the API
 * does, but stores nothing, so the difference between the two is what storing costs a request.
 */
@RestController
public class ItemController {

    private static final ItemView CONSTANT = new ItemView("i0", "Item 0", "category-0", new BigDecimal("10.00"),
            "sku-0", 1L);

    private final ItemService items;

    public ItemController(ItemService items) {
        this.items = items;
    }

    @PostMapping("/api/items")
    public ResponseEntity<ItemView> create(@RequestBody ItemForm form) {
        ItemView created = items.create(form);
        return ResponseEntity.created(URI.create("/api/items/" + created.id())).body(created);
    }

    @GetMapping("/api/items/{id}")
    public ItemView get(@PathVariable String id) {
        return found(items.find(id));
    }

    @PutMapping("/api/items/{id}")
    public ItemView update(@PathVariable String id, @RequestBody ItemForm form) {
        return found(items.update(id, form));
    }

    /** Everything {@link #create} does but storing: the body parsed into a form and answered as an item. */
    @PostMapping("/ceiling/items")
    public ResponseEntity<ItemView> echo(@RequestBody ItemForm form) {
        ItemView echoed = new ItemView("i0", form.name(), form.category(), form.price(), form.sku(), 0L);
        return ResponseEntity.created(URI.create("/api/items/i0")).body(echoed);
    }

    /** Everything {@link #get} does but reading the store. */
    @GetMapping("/ceiling/items/{id}")
    public ItemView constant(@PathVariable String id) {
        return CONSTANT;
    }

    /**
     * The item, or a 404 when there is none: thrown rather than answered as a {@code ResponseEntity}, whose
     * handling costs a request more than a plain body, so that the API answers as its ceiling does.
     */
    private static ItemView found(ItemView item) {
        if (item == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return item;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    public void conflict() {
        // 409, no body: the client read a version someone else changed meanwhile
    }
}
