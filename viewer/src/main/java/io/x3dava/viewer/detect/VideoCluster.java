package io.x3dava.viewer.detect;

import io.x3dava.annotations.FolderLock;
import io.x3dava.backbone.cluster.ClusterSettings;
import io.x3dava.backbone.cluster.ClusterTasks;
import io.x3dava.detector.video.RunFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * detect-video over a cluster ({@code --master}): one task per video, run by the engine's executors, each writing its
 * video's folder under the output folder (which every executor must reach: a shared file system). The driver holds
 * the output folder's job lock for the whole job, so that two jobs never write one folder and the unfinished attempts
 * of a job that was stopped can be deleted safely at the next start.
 */
final class VideoCluster {
    /** The job lock in the output folder. */
    static final String LOCK = ".detect-video.lock";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private VideoCluster() {
    }

    /** Runs the tasks; one result per task, in task order. */
    static List<VideoTaskResult> run(ClusterSettings settings, VideoJob job, List<VideoTask> tasks, Path out,
                                     PrintStream log) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException(out + ": exists and is not a folder; expected an output folder (--out)");
        }
        Files.createDirectories(abs);
        try (FolderLock lock = FolderLock.take(abs, LOCK, "wait for it to end or give another --out")) {
            RunFolder.deleteDeadAttempts(abs, log);
            String jobId = STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
            List<VideoTaskResult> results = ClusterTasks.find().map(settings, tasks, new VideoTaskFunction(job, abs,
                    jobId));
            // every task has published its folder: what is left are attempts of executors that were lost
            RunFolder.deleteDeadAttempts(abs, log);
            return results;
        }
    }
}
