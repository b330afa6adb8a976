package io.x3dava.viewer;

import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.ClassResult;

import java.util.Locale;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Horizontal bar chart of the per-class AP of the shown video. */
final class ApChart extends BarChart<Number, String> {
    private static final int MAX_NAME = 22;

    ApChart() {
        super(new NumberAxis(0, 1, 0.25), new CategoryAxis());
        setLegendVisible(false);
        setAnimated(false);
        setTitle("AP per class (this video)");
        setPrefHeight(260);
    }

    void show(AvaEvaluationResult r) {
        getData().clear();
        if (r == null) {
            setTitle("AP per class: needs detections and ground truth");
            return;
        }
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        for (ClassResult c : VideoAp.withAp(r)) {
            String name = c.name().length() > MAX_NAME ? c.name().substring(0, MAX_NAME - 1) + "…" : c.name();
            s.getData().add(new XYChart.Data<>(c.ap(), c.id() + " " + name));
        }
        getData().add(s);
        setTitle(Double.isNaN(r.meanAp()) ? "AP per class: no ground truth for this video"
                : String.format(Locale.ROOT, "AP per class (this video), mAP %.3f", r.meanAp()));
        setPrefHeight(Math.max(160, 40 + 18 * s.getData().size()));
    }
}
