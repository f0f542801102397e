package dev.lithair.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.CommitResult;

/**
 * The child JVM of {@link CrashRecoveryTest}: opens the store with {@code fsync=ALWAYS}, prints
 * {@code READY}, then lets {@value CrashWorkload#WRITERS} threads commit until the test kills it.
 * After each commit returns, its writer prints {@code ACK <key> <sequence>} before starting the next.
 *
 * <p>Arguments: data directory, cycle number. Every stdout line is one {@code write} on the file
 * descriptor, so the test reads whole lines even when the kill lands mid-way. Anything unexpected is
 * printed as a {@code FAILED} line. Exits by itself if the test goes away (stdin closes).
 */
public final class CrashingWriter {

    private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);
    private static final long MAX_LIFETIME_MINUTES = 5;

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int cycle = Integer.parseInt(args[1]);
        exitWhenOrphaned();
        LithairStore store = LithairStore.open(CrashWorkload.options(directory));
        line("READY " + store.lastSequence());
        for (int writer = 0; writer < CrashWorkload.WRITERS; writer++) {
            int id = writer;
            Thread thread = new Thread(() -> commitForever(store, cycle, id), "crash-writer-" + writer);
            thread.start();
        }
    }

    private static void commitForever(LithairStore store, int cycle, int writer) {
        try {
            for (int index = 0; ; index++) {
                CommitResult result = store.commit(CrashWorkload.commit(cycle, writer, index));
                if (result.duplicate()) {
                    line("FAILED " + CrashWorkload.key(cycle, writer, index) + " was reported as a duplicate");
                    return;
                }
                line("ACK " + CrashWorkload.key(cycle, writer, index) + " " + result.sequence());
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            line("FAILED writer " + writer + ": " + e);
        }
    }

    private static synchronized void line(String text) {
        try {
            STDOUT.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Runtime.getRuntime().halt(3);
        }
    }

    private static void exitWhenOrphaned() {
        Thread watchdog = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the test never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // treated as EOF
            }
            Runtime.getRuntime().halt(4);
        }, "orphan-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread timeout = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(MAX_LIFETIME_MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(5);
        }, "lifetime-limit");
        timeout.setDaemon(true);
        timeout.start();
    }
}
