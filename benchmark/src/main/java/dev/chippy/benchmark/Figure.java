package dev.chippy.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured figure: a value per run, reported as the median with its spread (lowest and
 * highest run), in its unit, next to what it is compared with. A figure whose runs do not
 * agree (one more than {@value #UNSTABLE_PERCENT}% away from the median) is marked unstable,
 * not hidden behind its median.
 *
 * @param baseline the baseline figure's name, or null
 * @param target   the target in words ("≥ 5000", "≥ 70% of baseline"), or null
 */
public record Figure(String group, String name, String unit, List<Double> runs, String baseline, String target) {

    /** How far from the median one run may be before the figure is called unstable. */
    static final double UNSTABLE_PERCENT = 20;

    public Figure {
        runs = List.copyOf(runs);
    }

    /** The distance of the run farthest from the median, as a percentage of the median. */
    public double spreadPercent() {
        double median = median();
        if (runs.size() < 2 || median == 0 || Double.isNaN(median)) {
            return 0;
        }
        return 100 * Math.max(max() - median, median - min()) / Math.abs(median);
    }

    public boolean unstable() {
        return spreadPercent() > UNSTABLE_PERCENT;
    }

    public double median() {
        List<Double> sorted = new ArrayList<>(runs);
        sorted.sort(Double::compare);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "1,234 (1,200–1,250)", or "1,234 (620–1,250) ±50% unstable" */
    public String formatted() {
        if (runs.size() <= 1) {
            return number(median());
        }
        String value = number(median()) + " (" + number(min()) + "–" + number(max()) + ")";
        return unstable() ? value + String.format(Locale.ROOT, " ±%.0f%% unstable", spreadPercent()) : value;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
