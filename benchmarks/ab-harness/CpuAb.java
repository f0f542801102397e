import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU a commit costs its committing thread, for two engine builds loaded side by side in one JVM
 * (one class loader per benchmarks jar), in rounds taken in rotating order. Thread CPU time counts only
 * what the committing thread ran, so it stays meaningful on a machine too busy for throughput to say
 * anything. Usage: {@code java -Xms2g -Xmx2g -cp DIR CpuAb rounds commits a=jarA b=jarB}; prints each
 * round, the median per build and the median of the per-round ratios a/b.
 */
public class CpuAb {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int commits = Integer.parseInt(args[1]);
        List<String> names = new ArrayList<>();
        List<Method> runs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] nameJar = args[i].split("=", 2);
            URLClassLoader loader = new URLClassLoader(new URL[] {
                    Paths.get(System.getProperty("ab.classes", "/tmp/cpuab/classes/")).toUri().toURL(),
                    Paths.get(nameJar[1]).toUri().toURL() }, ClassLoader.getPlatformClassLoader());
            names.add(nameJar[0]);
            runs.add(loader.loadClass("dev.lithair.benchmarks.CpuDriver").getMethod("run", int.class));
        }
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        List<Double> ratios = new ArrayList<>();
        // Three rounds of warm-up, left out.
        for (int round = -3; round < rounds; round++) {
            double[] nanos = new double[runs.size()];
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                order.add(i);
            }
            Collections.rotate(order, Math.max(round, 0));
            for (int i : order) {
                nanos[i] = (double) runs.get(i).invoke(null, commits);
            }
            if (round >= 0) {
                for (int i = 0; i < nanos.length; i++) {
                    cpu.computeIfAbsent(names.get(i), name -> new ArrayList<>()).add(nanos[i]);
                }
                ratios.add(nanos[0] / nanos[1]);
                System.out.printf("round %d %s=%.0f ns %s=%.0f ns%n", round, names.get(0), nanos[0], names.get(1),
                        nanos[1]);
            }
        }
        cpu.forEach((name, values) -> {
            Collections.sort(values);
            System.out.printf("%s median %.0f ns CPU per commit%n", name, values.get(values.size() / 2));
        });
        Collections.sort(ratios);
        System.out.printf("paired %s/%s CPU per commit: median %.3f (min %.3f, max %.3f)%n", names.get(0),
                names.get(1), ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
