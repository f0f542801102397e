import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.util.*;

/** java Ab threads rounds sliceMillis name=jar[;k=v,k=v] ... ; "naive" is measured with the first jar. */
public class Ab {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long slice = Long.parseLong(args[2]);
        List<String> names = new ArrayList<>();
        List<Method> methods = new ArrayList<>();
        List<Map<String, String>> settings = new ArrayList<>();
        Method naive = null;
        for (int i = 3; i < args.length; i++) {
            String[] nameRest = args[i].split("=", 2);
            String[] jarSettings = nameRest[1].split(";", 2);
            Map<String, String> s = new LinkedHashMap<>();
            if (jarSettings.length > 1) for (String kv : jarSettings[1].split(",")) { String[] p = kv.split(":"); s.put(p[0], p[1]); }
            URLClassLoader loader = new URLClassLoader(new URL[] {Paths.get(System.getProperty("ab.classes", "/tmp/ab/classes/")).toUri().toURL(),
                    Paths.get(jarSettings[0]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> driver = loader.loadClass("dev.lithair.benchmarks.AbDriver");
            driver.getMethod("configure", Map.class).invoke(null, s);
            names.add(nameRest[0]);
            methods.add(driver.getMethod("lithair", int.class, long.class, long.class));
            if (naive == null) naive = driver.getMethod("naive", int.class, long.class, long.class);
        }
        names.add("naive");
        methods.add(naive);
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int r = -1; r < rounds; r++) {
            double[] rates = new double[methods.size()];
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) order.add(i);
            Collections.rotate(order, Math.max(r, 0));
            double[] cpu = new double[methods.size()];
            double[] busy = new double[methods.size()];
            for (int i : order) {
                rates[i] = (double) methods.get(i).invoke(null, threads, 400L, slice);
                Class<?> d = methods.get(i).getDeclaringClass();
                cpu[i] = d.getField("CPU_PER_OP").getDouble(null);
                busy[i] = d.getField("MACHINE_BUSY").getDouble(null);
            }
            double naiveRate = rates[rates.length - 1];
            StringBuilder line = new StringBuilder(r < 0 ? "warmup " : "round " + r + " ");
            for (int i = 0; i < rates.length; i++) {
                line.append(String.format("%s=%.0f (%.1fus cpu/op, machine %.0f%% busy) ", names.get(i), rates[i], cpu[i], busy[i] * 100));
                if (r >= 0 && i < rates.length - 1) ratios.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(rates[i] / naiveRate);
            }
            System.out.println(line);
        }
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            Collections.sort(v);
            System.out.printf("%s/naive median %.2f  (%s)%n", e.getKey(), v.get(v.size() / 2), v);
        }
    }
}
