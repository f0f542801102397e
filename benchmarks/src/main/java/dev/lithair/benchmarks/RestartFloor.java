package dev.lithair.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.lithair.benchmarks.harness.http.lithair.LithairItem;
import dev.lithair.benchmarks.harness.lithair.LithairProduct;

/**
 * The floor under {@link RestartTime}: the same records written to a plain file with
 * {@link DataOutputStream} (no checksum, no event, no history, no index), read back in a fresh JVM into
 * a {@link HashMap} sized up front. No store of Java objects can load faster on the same JVM and heap:
 * class loading, the JIT's warm-up and the collector copying every object built are all in it, and
 * nothing else is.
 */
final class RestartFloor {

    private static final int BUFFER = 1 << 16;

    private RestartFloor() {
    }

    /** Writes the first {@code count} records of {@code entity}, as {@link RestartTime} creates them. */
    static void write(Path file, int count, RestartTime.Entity entity) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, BUFFER))) {
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                Object record = entity.create(i);
                if (record instanceof LithairItem item) {
                    out.writeUTF(item.id());
                    out.writeUTF(item.name());
                    out.writeUTF(item.category());
                    writeDecimal(out, item.price());
                    out.writeUTF(item.sku());
                    out.writeBoolean(item.version() != null);
                    if (item.version() != null) {
                        out.writeLong(item.version());
                    }
                } else {
                    LithairProduct product = (LithairProduct) record;
                    out.writeUTF(product.id());
                    out.writeUTF(product.name());
                    out.writeUTF(product.category());
                    writeDecimal(out, product.price());
                    out.writeInt(product.stock());
                }
            }
        }
    }

    /** Reads every record back into a map by id. */
    static Map<String, Object> read(Path file, RestartTime.Entity entity) throws IOException {
        try (InputStream stream = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(stream, BUFFER))) {
            int count = in.readInt();
            Map<String, Object> records = new HashMap<>(count * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                if (entity == RestartTime.Entity.ITEM) {
                    String name = in.readUTF();
                    String category = in.readUTF();
                    BigDecimal price = readDecimal(in);
                    String sku = in.readUTF();
                    Long version = in.readBoolean() ? in.readLong() : null;
                    records.put(id, new LithairItem(id, name, category, price, sku, version));
                } else {
                    records.put(id, new LithairProduct(id, in.readUTF(), in.readUTF(), readDecimal(in), in.readInt()));
                }
            }
            return records;
        }
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        out.writeLong(value.unscaledValue().longValueExact());
        out.writeInt(value.scale());
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        return BigDecimal.valueOf(in.readLong(), in.readInt());
    }
}
