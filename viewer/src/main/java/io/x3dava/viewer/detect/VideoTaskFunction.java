package io.x3dava.viewer.detect;

import io.x3dava.annotations.command.UserErrors;
import io.x3dava.backbone.cluster.ExecutorErrors;
import io.x3dava.backbone.cluster.ExecutorPool;
import io.x3dava.backbone.cluster.ExecutorThreads;
import io.x3dava.backbone.cluster.TaskFunction;
import io.x3dava.detector.video.RunFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one {@link VideoTask} on an executor: the whole detect-video run of one video (people, tracks, actions, the
 * annotated MP4) into a hidden attempt folder beside its output folder, put in place when the run ends
 * ({@link RunFolder#publish}), so that a retried task leaves exactly one folder. The models live in the JVM's
 * {@link ExecutorPool}: opened at the first task, reused by every later one.
 */
final class VideoTaskFunction implements TaskFunction<VideoTask, VideoTaskResult> {
    private static final long serialVersionUID = 1L;
    private static final ExecutorPool<VideoJob, VideoModels> MODELS = new ExecutorPool<>();

    private final VideoJob job;
    private final String out;
    private final String jobId;

    /**
     * @param out the output folder (absolute, on storage every executor writes)
     * @param jobId this job's id: a folder published by an earlier attempt of the same job is replaced, not kept
     */
    VideoTaskFunction(VideoJob job, Path out, String jobId) {
        this.job = job;
        this.out = out.toAbsolutePath().normalize().toString();
        this.jobId = jobId;
    }

    @Override
    public VideoTaskResult apply(VideoTask task, int cpus) throws IOException {
        VideoModels models;
        try {
            models = MODELS.take(job, () -> {
                // a task's native threads = its cores (libtorch for the networks, OpenCV for HOG)
                ExecutorThreads.libtorch(cpus);
                ExecutorThreads.opencv(cpus);
                return VideoModels.open(job, new PrintStream(OutputStream.nullOutputStream()));
            });
        } catch (IOException | IllegalArgumentException e) {
            // the job's models cannot be opened here: every task would fail alike, so the job ends with this line
            throw ExecutorErrors.badInput(e);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(text, true, StandardCharsets.UTF_8);
        Path dir = Path.of(out).resolve(task.videoId());
        Path attempt = RunFolder.attemptDir(dir, jobId);
        String failure = null;
        try {
            new VideoRun(models.setup(job, StopSignals.none(), log, log)).run(task.source(), task.videoId(), attempt,
                    dir);
        } catch (IOException | IllegalArgumentException e) {
            failure = UserErrors.message(e); // a bad video: counted by the driver, the others go on
        } finally {
            MODELS.give(job, models);
        }
        if (Files.isDirectory(attempt)) {
            RunFolder.publish(attempt, dir, jobId, log);
        }
        return new VideoTaskResult(failure, VideoTaskResult.terminalText(text.toString(StandardCharsets.UTF_8)));
    }
}
