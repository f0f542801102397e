package dev.lithair.replication.raft.canary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.caucho.hessian.io.Hessian2Output;

/**
 * Whether a canary class has been initialised, asked by name (asking through the class would
 * initialise it), and the Hessian object stream that names it.
 */
public final class CanaryFlags {

    private static final Map<String, AtomicBoolean> FLAGS = new ConcurrentHashMap<>();

    private CanaryFlags() {
    }

    static AtomicBoolean flag(String className) {
        return FLAGS.computeIfAbsent(className, name -> new AtomicBoolean());
    }

    public static boolean initialised(String className) {
        return flag(className).get();
    }

    /** A Hessian 2 stream of one object of {@code className} with one int field, written without the class. */
    public static byte[] objectStreamNaming(String className) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        try {
            if (out.writeObjectBegin(className) == -1) {
                out.writeClassFieldLength(1);
                out.writeString("x");
                out.writeObjectBegin(className);
            }
            out.writeInt(42);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
