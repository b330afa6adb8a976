package io.x3dava.backbone.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.backbone.video.MissingFrames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a multi-view test as printed and as written to JSON (metrics that do not apply to the task are
 * null: top1/top5 for Kinetics, mAP for Charades).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestReport(String task, String weights, String model, int frames, int samplingRate, int testCrop,
                         int testClips, int testCrops, int views, int videos, int skipped, Double top1, Double top5,
                         Double mAP, double seconds, long missingFrameClips, int missingFrameVideos,
                         List<String> missingFrameExamples) {

    private static final ObjectMapper JSON = Json.mapper();

    public static TestReport of(ClassificationRecipe r, Path weights, ClassificationRun.TestResult t, double seconds) {
        return new TestReport(r.task().key(), weights.toString(), r.model().name(), r.model().numFrames(),
                r.model().samplingRate(), r.model().testCrop(), r.testClips(), r.testCrops(),
                r.testClips() * r.testCrops(), t.videos(), t.skipped(), finite(t.top1()), finite(t.top5()),
                finite(t.meanAp()), seconds, t.missingFrames().clips(), t.missingFrames().videos(),
                t.missingFrames().examples());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One line: views, videos read / unreadable, the task's metrics; a second one for clips missing frames. */
    public String summary() {
        String views = String.format(Locale.ROOT, "%d-view test (%d clips x %d crops) on %d videos (%d unreadable)",
                this.views, testClips, testCrops, videos, skipped);
        if (missingFrameClips > 0) {
            return metrics(views) + System.lineSeparator() + new MissingFrames(missingFrameClips, missingFrameVideos,
                    missingFrameExamples == null ? List.of() : missingFrameExamples).summary("test clips")
                    + "; --pad-missing-frames scores them with the nearest frame repeated";
        }
        return metrics(views);
    }

    private String metrics(String views) {
        if (mAP != null) {
            return String.format(Locale.ROOT, "%s: mAP %.2f%%", views, 100 * mAP);
        }
        if (top1 != null) {
            return String.format(Locale.ROOT, "%s: top-1 %.2f%%, top-5 %.2f%%", views, 100 * top1, 100 * top5);
        }
        return views + ": no video could be read";
    }

    /** Writes the report atomically (a reader never sees half a file). */
    public void write(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    public static TestReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TestReport.class);
    }
}
