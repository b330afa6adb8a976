package io.x3dava.detector.cluster;

import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.backbone.cluster.ClusterSettings;
import io.x3dava.backbone.cluster.ClusterTasks;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.infer.AvaInference;
import io.x3dava.detector.run.AvaRecipe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The driver's side of {@code detect-ava --master}: splits the sorted inference keyframes into tasks (one video, at
 * most {@code taskKeyframes} keyframes each, so that a long video is not one straggler), has the engine run them, and
 * joins the rows in task order: the same rows, in the same order, as the local run.
 */
public final class AvaClusterDetection {

    /** Frame paths named in the missing-frames line, as a local run names them. */
    private static final int MISSING_EXAMPLES = 3;

    private AvaClusterDetection() {
    }

    /** The tasks of a keyframe list sorted by video and time. */
    public static List<AvaTask> split(List<AvaSample> samples, int taskKeyframes) {
        List<AvaTask> tasks = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= samples.size(); i++) {
            if (i == samples.size() || i - first == taskKeyframes
                    || !samples.get(i).keyframe().videoId().equals(samples.get(first).keyframe().videoId())) {
                tasks.add(new AvaTask(first, i, samples.get(first).keyframe().videoId(),
                        samples.get(first).keyframe().timestamp(), samples.get(i - 1).keyframe().timestamp()));
                first = i;
            }
        }
        return tasks;
    }

    /** The recipe with the data paths that inference reads made absolute: executors run in folders of their own. */
    static AvaRecipe absolute(AvaRecipe r) {
        AvaRecipe.Builder b = r.toBuilder().optVideos(r.videos().toAbsolutePath())
                .optLabelMap(r.labelMap().toAbsolutePath()).optValProposals(r.valProposals().toAbsolutePath());
        if (r.valGt() != null) {
            b.optValGt(r.valGt().toAbsolutePath());
        }
        return b.build();
    }

    /** Detections on {@code samples} (the recipe's inference keyframes) by the engine's executors. */
    public static AvaInference.Result run(ClusterSettings settings, int taskKeyframes, AvaRecipe recipe,
                                          Path checkpoint, List<AvaSample> samples) throws IOException {
        long t0 = System.nanoTime();
        List<AvaTask> tasks = split(samples, taskKeyframes);
        List<AvaTaskRows> results = ClusterTasks.find().map(settings, tasks,
                new AvaTaskFunction(absolute(recipe).toJson(), checkpoint.toAbsolutePath()));
        List<AvaDetectionRow> rows = new ArrayList<>();
        List<AvaDetectionRow> unflipped = new ArrayList<>();
        int keyframes = 0;
        int skipped = 0;
        long missingClips = 0;
        Set<String> missingVideos = new LinkedHashSet<>();
        Set<String> examples = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            AvaTaskRows r = results.get(i);
            r.rows().addTo(rows);
            r.unflipped().addTo(unflipped);
            keyframes += r.keyframes();
            skipped += r.skipped();
            if (r.missing().clips() > 0) {
                // a task is one video: its videos are counted by id, since several tasks can share one
                missingClips += r.missing().clips();
                missingVideos.add(tasks.get(i).videoId());
                r.missing().examples().stream().limit(Math.max(0, MISSING_EXAMPLES - examples.size()))
                        .forEach(examples::add);
            }
        }
        return new AvaInference.Result(rows, keyframes, skipped, (System.nanoTime() - t0) / 1e9, unflipped,
                new MissingFrames(missingClips, missingVideos.size(), List.copyOf(examples)));
    }
}
