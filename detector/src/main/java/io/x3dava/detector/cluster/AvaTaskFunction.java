package io.x3dava.detector.cluster;

import io.x3dava.backbone.cluster.ExecutorErrors;
import io.x3dava.backbone.cluster.TaskFunction;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.infer.AvaInference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one {@link AvaTask} on an executor: the detector and the keyframe list come from the executor's
 * {@link AvaExecutorModels} (loaded at its first task, reused by every later one), the task's keyframe range is decoded
 * once with the keyframe-sequence reader and classified; the rows go back to the driver.
 */
public final class AvaTaskFunction implements TaskFunction<AvaTask, AvaTaskRows> {
    private static final long serialVersionUID = 1L;

    private final String recipeJson;
    private final String checkpoint;

    /**
     * @param recipeJson the driver's recipe (data paths, detector, test view) as JSON
     * @param checkpoint the detector checkpoint folder, at a path every executor can read
     */
    public AvaTaskFunction(String recipeJson, Path checkpoint) {
        this.recipeJson = recipeJson;
        this.checkpoint = checkpoint.toString();
    }

    @Override
    public AvaTaskRows apply(AvaTask task, int cpus) throws IOException {
        AvaExecutorModels.Job job;
        try {
            job = AvaExecutorModels.job(recipeJson, Path.of(checkpoint), cpus);
        } catch (IOException | IllegalArgumentException e) {
            // said once per executor, naming it: the driver prints this line
            throw ExecutorErrors.badInput(e);
        }
        List<AvaSample> samples = job.samples();
        if (task.end() > samples.size() || !samples.get(task.first()).keyframe().videoId().equals(task.videoId())
                || samples.get(task.first()).keyframe().timestamp() != task.firstSecond()
                || samples.get(task.end() - 1).keyframe().timestamp() != task.lastSecond()) {
            throw ExecutorErrors.badInput("its keyframe list differs from the driver's at "
                    + task.videoId() + "," + task.firstSecond() + ": the executors must read the same proposals and "
                    + "ground truth files as the driver");
        }
        AvaInference.Session session = job.take();
        try {
            AvaInference.Result r = session.run(samples.subList(task.first(), task.end()), n -> { });
            return new AvaTaskRows(RowColumns.of(r.rows()), RowColumns.of(r.unflippedRows()), r.keyframes(),
                    r.skippedKeyframes(), r.seconds(), r.missingFrames());
        } finally {
            job.give(session);
        }
    }
}
