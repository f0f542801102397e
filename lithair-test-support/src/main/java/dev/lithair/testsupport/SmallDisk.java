package dev.lithair.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system (tmpfs) mounted for one test, which the test fills up to get the kernel's own
 * "No space left on device". Mounting needs root: elsewhere the test is skipped with a message, but under
 * {@code CI=true} it fails, so that CI never passes without running it.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code size} (as {@code mount} reads it, e.g. {@code 2m}) on a new directory {@code mountPoint}. */
    public static SmallDisk mount(Path mountPoint, String size) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        if (output != null) {
            String reason = "cannot mount a small tmpfs here (" + output.strip() + "): the full-disk test needs root";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true it must run");
            }
            Assumptions.abort(reason);
        }
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a file until the disk is full; returns the bytes it took. */
    public long fill() {
        byte[] chunk = new byte[16 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("why filling stopped").contains("No space left on device");
        }
        return written;
    }

    /** Deletes what {@link #fill} wrote. */
    public void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unmounts; when something still uses the disk, detaches it all the same (lazily) and fails, naming
     * what this JVM still holds open on it, so that a leaked file is found from the failure alone.
     */
    @Override
    public void close() {
        String output = run("umount", mountPoint.toString());
        if (output == null) {
            return;
        }
        // Listed before the lazy detach: afterwards the files no longer show under the mount point.
        List<String> held = heldOpenUnder(mountPoint);
        run("umount", "-l", mountPoint.toString());
        throw new AssertionError("umount " + mountPoint + " failed: " + output.strip() + "; "
                + (held.isEmpty() ? "this JVM holds nothing open there (another process does?)"
                        : "this JVM still holds open there: " + String.join(", ", held)));
    }

    /**
     * What this JVM holds open under {@code directory}: its open file descriptors ({@code /proc/self/fd})
     * and its memory-mapped files ({@code /proc/self/maps}), both of which keep a mount busy.
     */
    public static List<String> heldOpenUnder(Path directory) {
        String root = directory.toAbsolutePath().normalize().toString();
        List<String> held = new ArrayList<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors) {
                String target;
                try {
                    target = Files.readSymbolicLink(descriptor).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (isUnder(target, root)) {
                    held.add("fd " + descriptor.getFileName() + " -> " + target);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            held.add("(cannot read /proc/self/fd: " + e.getMessage() + ")");
        }
        try {
            Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8).stream()
                    .map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(file -> isUnder(file, root)).distinct()
                    .forEach(file -> held.add("mapped " + file));
        } catch (IOException e) {
            held.add("(cannot read /proc/self/maps: " + e.getMessage() + ")");
        }
        return held;
    }

    private static boolean isUnder(String file, String root) {
        return file.equals(root) || file.startsWith(root + "/");
    }

    /** Runs a command; returns {@code null} when it succeeded, else what it printed. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : output + " (exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
