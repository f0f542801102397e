package dev.lithair.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's chart: for the headline rates, each system's median relative to Lithair
 * (fsync always) on a logarithmic axis, so that 10x faster and 10x slower look alike.
 */
final class ResultsChart {

    /** (workload, metric, label) of the bars; rates only, so higher is better everywhere. */
    private static final List<String[]> HEADLINES = List.of(
            new String[] {"writes", "creates, 1 thread: ops/s", "creates, 1 thread"},
            new String[] {"writes", "creates, 64 threads: ops/s", "creates, 64 threads"},
            new String[] {"writes", "updates, 64 threads: ops/s", "updates, 64 threads"},
            new String[] {"reads", "findById 10K: ops/s", "findById 10K"},
            new String[] {"reads", "findById 1M: ops/s", "findById 1M"},
            new String[] {"reads", "findByCategory 10K: ops/s", "by category 10K"},
            new String[] {"history", "price changes of X: ops/s", "price history"},
            new String[] {"history", "state of X at T: ops/s", "state at T"},
            new String[] {"http", HttpMeasurement.GET + ": req/s", "HTTP GET by id"},
            new String[] {"http", HttpMeasurement.POST + ": req/s", "HTTP POST create"},
            new String[] {"http", HttpMeasurement.PUT + ": req/s", "HTTP PUT update"},
            new String[] {"http", HttpMeasurement.MIXED + ": req/s", "HTTP 90/10 mix"});

    private ResultsChart() {
    }

    static void write(List<Measurement> measurements, Path file) throws IOException {
        ResultsTable table = new ResultsTable(measurements);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double lowest = 1;
        double highest = 1;
        for (String[] headline : HEADLINES) {
            double lithair = table.median(headline[0], headline[1], ResultsTable.LITHAIR);
            if (Double.isNaN(lithair) || lithair == 0) {
                continue;
            }
            for (String system : table.systems(headline[0])) {
                double value = table.median(headline[0], headline[1], system);
                if (!Double.isNaN(value) && value > 0) {
                    dataset.addValue(value / lithair, system, headline[2]);
                    lowest = Math.min(lowest, value / lithair);
                    highest = Math.max(highest, value / lithair);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Rate relative to Lithair (fsync always) = 1, log scale",
                null, "x Lithair", dataset, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogarithmicAxis axis = new LogarithmicAxis("x Lithair (higher is faster)");
        axis.setAllowNegativesFlag(false);
        axis.setStrictValuesFlag(false);
        // the whole span, so that bars far below Lithair show too
        axis.setRange(lowest / 2, highest * 2);
        plot.setRangeAxis(axis);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 600);
    }
}
