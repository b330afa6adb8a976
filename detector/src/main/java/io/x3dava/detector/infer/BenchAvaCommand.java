package io.x3dava.detector.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keyframes per second of AVA inference (one backbone pass per keyframe clip plus the box head for its person boxes)
 * on this machine's CPU, at the test input of each preset (gamma_t frames, short side 128 gamma_s, paper section 5).
 */
@Command(name = "bench-ava", mixinStandardHelpOptions = true,
        description = "Benchmark: AVA inference keyframes/s (backbone + head) at the X3D-S and X3D-M input sizes")
public final class BenchAvaCommand implements Callable<Integer> {

    @Option(names = "--presets", split = ",", defaultValue = "S,M")
    String[] presets;

    @Option(names = "--boxes", defaultValue = "8", description = "person boxes per keyframe (AVA val averages ~6)")
    int boxes;

    @Option(names = "--iterations", defaultValue = "10")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2")
    int warmup;

    @Override
    public Integer call() {
        if (boxes < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("expected --boxes and --iterations >= 1, --warmup >= 0");
        }
        System.out.printf(Locale.ROOT, "AVA inference on CPU, %d cores, %d boxes per keyframe, batch 1%n",
                Runtime.getRuntime().availableProcessors(), boxes);
        System.out.printf(Locale.ROOT, "%-8s %-14s %12s %12s%n", "preset", "input", "keyframes/s", "ms/keyframe");
        for (String p : presets) {
            DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get(p), 80);
            try (NDManager m = NDManager.newBaseManager()) {
                AvaDetector d = AvaDetector.create(cfg, m, 0);
                ParameterStore ps = new ParameterStore(m, false);
                int t = cfg.backbone().numFrames();
                int s = cfg.testSize();
                float[] b = new float[boxes * 5];
                for (int i = 0; i < boxes; i++) {
                    float x = (float) (i * s / (boxes + 1.0));
                    b[i * 5 + 1] = x;
                    b[i * 5 + 2] = s * 0.2f;
                    b[i * 5 + 3] = x + s / 4f;
                    b[i * 5 + 4] = s * 0.9f;
                }
                long start = 0;
                for (int i = 0; i < warmup + iterations; i++) {
                    if (i == warmup) {
                        start = System.nanoTime();
                    }
                    try (NDManager it = m.newSubManager()) {
                        NDArray clip = it.randomNormal(new Shape(1, 3, t, s, s));
                        NDArray f = d.features(ps, clip, false);
                        d.classify(ps, f, it.create(b, new Shape(boxes, 5)), false).getNDArrayInternal().sigmoid()
                                .toFloatArray();
                    }
                }
                double sec = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%-8s %-14s %12.2f %12.1f%n", cfg.backbone().name(),
                        t + "x" + s + "x" + s, iterations / sec, 1000 * sec / iterations);
            }
        }
        return 0;
    }

}
