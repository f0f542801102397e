package dev.lithair.benchmarks.harness.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.lithair.benchmarks.harness.Product;
import dev.lithair.benchmarks.harness.SystemUnderTest;

/**
 * The machine's own limits, what no data layer can beat: a durable write is one
 * {@code FileChannel.write} of the product's bytes plus one {@code force}, serialised under a lock as
 * a single log writer would be; a read is a {@link ConcurrentHashMap} lookup (by id, and a map of
 * category to products for the indexed field).
 */
public final class PhysicalLimitSystem implements SystemUnderTest {

    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Product> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Product>> byCategory = new ConcurrentHashMap<>();
    private long position;

    public PhysicalLimitSystem(Path dataDir) {
        try {
            channel = FileChannel.open(dataDir.resolve("raw.log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "physical-limit";
    }

    @Override
    public void create(Product product) {
        append(product);
    }

    @Override
    public void update(Product product) {
        append(product);
    }

    private void append(Product product) {
        ByteBuffer bytes = ByteBuffer.wrap(product.toString().getBytes(StandardCharsets.UTF_8));
        lock.lock();
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Before the workload only: the category lists are plain lists, read without locks afterwards. */
    @Override
    public void loadAll(List<Product> products) {
        for (Product product : products) {
            byId.put(product.id(), product);
            byCategory.computeIfAbsent(product.category(), c -> new ArrayList<>()).add(product);
        }
    }

    @Override
    public Product findById(String id) {
        return byId.get(id);
    }

    @Override
    public List<Product> findByCategory(String category, int limit) {
        List<Product> all = byCategory.getOrDefault(category, List.of());
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
