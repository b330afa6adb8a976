package io.x3dava.backbone.train;

import io.x3dava.annotations.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/** Draws loss and accuracy/eval curves per epoch into a PNG (Java2D, works headless). */
public final class MetricsPlot {

    private static final int W = 900;
    private static final int H = 420;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private MetricsPlot() {
    }

    public static void write(Path png, List<EpochMetrics> epochs) throws IOException {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        Map<String, double[]> loss = new LinkedHashMap<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        int n = epochs.size();
        loss.put("train loss", epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        scores.put("train accuracy", epochs.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray());
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, Double> e : epochs.get(i).eval().entrySet()) {
                scores.computeIfAbsent(e.getKey(), k -> nanArray(n))[i] = e.getValue();
            }
        }
        panel(g, 0, "loss", loss, epochs);
        panel(g, W / 2, "accuracy / evaluation", scores, epochs);
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static void panel(Graphics2D g, int x0, String title, Map<String, double[]> series,
                              List<EpochMetrics> epochs) {
        int left = x0 + 60;
        int right = x0 + W / 2 - 20;
        int top = 40;
        int bottom = H - 50;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series.values()) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        for (int k = 0; k <= 4; k++) {
            double v = lo + (hi - lo) * k / 4;
            int y = bottom - (bottom - top) * k / 4;
            g.drawString(String.format(Locale.ROOT, "%.3g", v), x0 + 8, y + 4);
        }
        int n = epochs.size();
        g.drawString("epoch 1", left, bottom + 16);
        g.drawString("epoch " + (n == 0 ? 1 : epochs.get(n - 1).epoch()), right - 50, bottom + 16);
        int c = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            List<int[]> pts = new ArrayList<>();
            double[] s = e.getValue();
            for (int i = 0; i < s.length; i++) {
                if (Double.isFinite(s[i])) {
                    int x = n <= 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
                    int y = (int) (bottom - (bottom - top) * (s[i] - lo) / (hi - lo));
                    pts.add(new int[] {x, y});
                    g.fillOval(x - 3, y - 3, 6, 6);
                }
            }
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
            }
            g.drawString(e.getKey(), left + 8, bottom + 32 + 0 * c);
            g.translate(120, 0);
            c++;
        }
        g.translate(-120 * c, 0);
    }
}
