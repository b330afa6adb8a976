package io.x3dava.detector.cluster;

import ai.djl.ndarray.NDManager;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.cluster.ExecutorThreads;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.infer.AvaInference;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-JVM state of AVA tasks on an executor: for each job (recipe, checkpoint, cores per task) the detector loaded
 * once, the keyframe list read once, and a pool of inference sessions (folded networks), one per task running at the
 * same time in this JVM. They live as long as the executor.
 */
final class AvaExecutorModels {

    private static final Map<String, Job> JOBS = new HashMap<>();

    private AvaExecutorModels() {
    }

    /** A loaded job: its keyframes and its sessions. */
    static final class Job {
        private final List<AvaSample> samples;
        private final AvaInference inference;
        private final NDManager manager;
        private final Deque<AvaInference.Session> idle = new ArrayDeque<>();

        private Job(List<AvaSample> samples, AvaInference inference, NDManager manager) {
            this.samples = samples;
            this.inference = inference;
            this.manager = manager;
        }

        List<AvaSample> samples() {
            return samples;
        }

        /** An idle session, or a new one when every session is busy with another task. */
        synchronized AvaInference.Session take() {
            AvaInference.Session s = idle.poll();
            return s != null ? s : inference.open(manager);
        }

        synchronized void give(AvaInference.Session s) {
            idle.push(s);
        }
    }

    /** The job's state in this JVM, loaded on first use. */
    static synchronized Job job(String recipeJson, Path checkpoint, int cpus) throws IOException {
        String key = checkpoint + "\n" + cpus + "\n" + recipeJson;
        Job j = JOBS.get(key);
        if (j == null) {
            ExecutorThreads.libtorch(cpus);
            AvaRecipe recipe = Json.parse(recipeJson, AvaRecipe.class, null);
            AvaRun run = new AvaRun(recipe, new PrintStream(OutputStream.nullOutputStream()));
            List<AvaSample> samples = run.inferenceKeyframes();
            NDManager m = NDManager.newBaseManager();
            try {
                AvaDetector d = run.detector(m, checkpoint);
                j = new Job(samples, run.inference(d, cpus), m);
            } catch (IOException | RuntimeException e) {
                m.close();
                throw e;
            }
            JOBS.put(key, j);
        }
        return j;
    }
}
