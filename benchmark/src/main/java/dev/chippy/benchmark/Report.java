package dev.chippy.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's figures as JSON, as a Markdown table, and the latency curves as a PNG plot. */
final class Report {

    /** One colour per line; the plot has seven lines, and a colour used twice made two of them one in the legend. */
    private static final Color[] COLOURS = {new Color(0xC0392B), new Color(0xE67E22), new Color(0x2471A3), new Color(0x5DADE2),
            new Color(0x229954), new Color(0x82E0AA), new Color(0x7D3C98), new Color(0x7F8C8D)};

    private Report() {
    }

    static void write(Path dir, Map<String, Object> environment, List<Figure> figures, List<LatencyCurve> curves) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        json.put("figures", figures.stream().map(figure -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("group", figure.group());
            entry.put("name", figure.name());
            entry.put("unit", figure.unit());
            entry.put("median", figure.median());
            entry.put("min", figure.min());
            entry.put("max", figure.max());
            entry.put("spreadPercent", figure.spreadPercent());
            entry.put("unstable", figure.unstable());
            entry.put("runs", figure.runs());
            entry.put("baseline", figure.baseline());
            entry.put("target", figure.target());
            return entry;
        }).toList());
        json.put("latencyCurves", curves);
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(dir.resolve("results.json").toFile(), json);
        Files.writeString(dir.resolve("results.md"), markdown(environment, figures));
        plot(dir.resolve("latency.png"), curves);
    }

    static String markdown(Map<String, Object> environment, List<Figure> figures) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(environment.get("date")).append(" on ").append(environment.get("cpus")).append(" cores, ")
                .append(environment.get("java")).append("; each figure is the median of ").append(environment.get("runs"))
                .append(" runs, with the lowest and highest in brackets. A figure with a run more than ")
                .append((int) Figure.UNSTABLE_PERCENT).append("% away from its median is marked *unstable*.\n\n");
        if ("quick".equals(environment.get("mode"))) {
            md.append("**A quick run: a smoke test only.** One short run of each figure after a short warm-up; "
                    + "its figures are not comparable with a full run's.\n\n");
        }
        String group = null;
        for (Figure figure : figures) {
            if (!figure.group().equals(group)) {
                group = figure.group();
                md.append("\n**").append(group).append("**\n\n| figure | value | unit | compared with | target |\n| --- | ---: | --- | --- | --- |\n");
            }
            md.append("| ").append(figure.name()).append(" | ").append(figure.formatted()).append(" | ").append(figure.unit())
                    .append(" | ").append(figure.baseline() == null ? "" : figure.baseline())
                    .append(" | ").append(figure.target() == null ? "" : figure.target()).append(" |\n");
        }
        return md.toString();
    }

    /** Latency against offered load, one line per system and percentile, on a log scale. */
    static void plot(Path png, List<LatencyCurve> curves) throws IOException {
        int width = 900;
        int height = 520;
        int left = 80;
        int right = 230;
        int top = 50;
        int bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double maxX = curves.stream().flatMap(c -> c.points().stream()).mapToDouble(LatencyCurve.Point::offeredPerSecond).max().orElse(1);
        double maxY = curves.stream().flatMap(c -> c.points().stream()).mapToDouble(LatencyCurve.Point::millis)
                .filter(v -> !Double.isNaN(v)).max().orElse(10);
        double minY = Math.max(0.1, curves.stream().flatMap(c -> c.points().stream()).mapToDouble(LatencyCurve.Point::millis)
                .filter(v -> !Double.isNaN(v) && v > 0).min().orElse(1));
        double logMin = Math.floor(Math.log10(minY));
        double logMax = Math.ceil(Math.log10(maxY));
        if (logMax <= logMin) {
            logMax = logMin + 1;
        }
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.DARK_GRAY);
        g.drawString("Latency against offered load", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xDDDDDD));
        for (double decade = logMin; decade <= logMax; decade++) {
            int y = top + plotHeight - (int) ((decade - logMin) / (logMax - logMin) * plotHeight);
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Figure.number(Math.pow(10, decade)) + " ms", 10, y + 4);
            g.setColor(new Color(0xDDDDDD));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(left, top + plotHeight, left + plotWidth, top + plotHeight);
        g.drawLine(left, top, left, top + plotHeight);
        for (int i = 0; i <= 4; i++) {
            double x = maxX * i / 4;
            int px = left + (int) (x / maxX * plotWidth);
            g.drawString(Figure.number(x), px - 12, top + plotHeight + 18);
        }
        g.drawString("offered load (requests or orders per second)", left + plotWidth / 2 - 120, height - 15);
        int legend = top;
        for (int c = 0; c < curves.size(); c++) {
            LatencyCurve curve = curves.get(c);
            g.setColor(COLOURS[c % COLOURS.length]);
            g.setStroke(new BasicStroke(curve.percentile().equals("p99") ? 2.5f : 1.5f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1, curve.percentile().equals("p99") ? null : new float[] {6, 4}, 0));
            int[] xs = new int[curve.points().size()];
            int[] ys = new int[curve.points().size()];
            int n = 0;
            for (LatencyCurve.Point point : curve.points()) {
                if (Double.isNaN(point.millis()) || point.millis() <= 0) {
                    continue;
                }
                xs[n] = left + (int) (point.offeredPerSecond() / maxX * plotWidth);
                ys[n] = top + plotHeight - (int) ((Math.log10(point.millis()) - logMin) / (logMax - logMin) * plotHeight);
                g.fillOval(xs[n] - 3, ys[n] - 3, 6, 6);
                n++;
            }
            g.drawPolyline(xs, ys, n);
            g.drawLine(width - right + 15, legend + 6, width - right + 45, legend + 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(curve.system() + " " + curve.percentile(), width - right + 52, legend + 10);
            legend += 20;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
