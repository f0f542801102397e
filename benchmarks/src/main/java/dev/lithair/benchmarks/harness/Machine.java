package dev.lithair.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the report says about the machine the figures come from. */
final class Machine {

    private Machine() {
    }

    static String description() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: leave it unknown
        }
        long memory = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return String.format("%d CPUs (%s), %s GB RAM, %s %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(), cpu,
                memory < 0 ? "?" : String.valueOf(memory), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /**
     * A {@code java} of release 21 or later, for what needs virtual threads: this JVM's when it is one,
     * else the one {@code LITHAIR_JDK21_HOME} names, else the JDK 25 CI machines have; {@code null} when
     * there is none.
     */
    static String javaWithVirtualThreads() {
        List<Path> candidates = new ArrayList<>();
        if (Runtime.version().feature() >= 21) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        String named = System.getenv("LITHAIR_JDK21_HOME");
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        candidates.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return null;
    }

    static String loadAverage() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/loadavg"));
            String[] parts = lines.get(0).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
