package dev.chippy.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured figure: a value per run, reported as the median with its spread (lowest and
 * highest run), in its unit, next to what it is compared with.
 *
 * @param baseline the baseline figure's name, or null
 * @param target   the target in words ("≥ 5000", "≥ 70% of baseline"), or null
 */
public record Figure(String group, String name, String unit, List<Double> runs, String baseline, String target) {

    public Figure {
        runs = List.copyOf(runs);
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

    /** "1,234 (1,200–1,250)" */
    public String formatted() {
        return runs.size() <= 1 ? number(median()) : number(median()) + " (" + number(min()) + "–" + number(max()) + ")";
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
