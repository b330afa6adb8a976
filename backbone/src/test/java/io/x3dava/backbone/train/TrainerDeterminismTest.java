package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.classify.ClipLosses;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility of the training loop on a tiny X3D with the recipe's dropout 0.5 and BatchNorm: two runs with the
 * same seed write byte-identical checkpoints, and a run killed in the middle of an epoch then resumed writes the same
 * bytes as the uninterrupted one (the dropout masks are re-derived from (seed, epoch, step), the data order and
 * augmentation from (seed, epoch, index)).
 */
class TrainerDeterminismTest {

    /** X3D shape with the recipe's dropout 0.5 and squeeze-excitation, small enough for a few CPU steps. */
    static final X3DConfig TINY = new X3DConfig("tiny", 3, 4, 1, 32, 32, 4, 32, 1.0, 0.5, 2.0, 0.0625, 3, 0.5,
            false);
    static final int BATCHES = 3;
    static final int BATCH = 4;

    /** Random clips and labels of an epoch, from (data seed, epoch) only, as ClipBatchSource gives. */
    static final class Clips implements EpochSource<float[][]> {
        @Override
        public int batchesPerEpoch() {
            return BATCHES;
        }

        @Override
        public Iterator<float[][]> batches(int epoch) {
            SplittableRandom r = new SplittableRandom(77L * 1_000_003L + epoch);
            List<float[][]> out = new ArrayList<>();
            int n = BATCH * 3 * 4 * 32 * 32;
            for (int b = 0; b < BATCHES; b++) {
                float[] x = new float[n];
                float[] y = new float[BATCH * 3];
                for (int i = 0; i < BATCH; i++) {
                    int label = r.nextInt(3);
                    y[i * 3 + label] = 1;
                    for (int j = i * n / BATCH; j < (i + 1) * n / BATCH; j++) {
                        x[j] = (float) (r.nextGaussian() + 0.5 * label);
                    }
                }
                out.add(new float[][] {x, y});
            }
            return out.iterator();
        }
    }

    /** Cross-entropy of the network; throws at (crashEpoch, crashBatch) like a killed process. */
    static TrainStep<float[][]> step(X3DNetwork net, int crashEpoch, int crashBatch) {
        int[] seen = {0};
        return (ParameterStore ps, NDManager m, float[][] batch) -> {
            int epoch = seen[0] / BATCHES;
            int index = seen[0]++ % BATCHES;
            if (epoch == crashEpoch && index == crashBatch) {
                throw new IllegalStateException("simulated kill");
            }
            NDArray x = m.create(batch[0], new Shape(BATCH, 3, 4, 32, 32));
            NDArray y = m.create(batch[1], new Shape(BATCH, 3));
            NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
            return new TrainStep.Output(ClipLosses.softmaxCrossEntropy(logits, y), BATCH, 0);
        };
    }

    /** Trains 3 epochs into {@code out}; {@code startAtEpoch} tells the crash counter where a resumed run begins. */
    static void train(Path out, long seed, int initSeed, int crashEpoch, int crashBatch, int startAtEpoch)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(TINY, m, initSeed);
            Map<String, ai.djl.nn.Parameter> params = net.referenceParameters();
            TrainStep<float[][]> s = step(net, crashEpoch - startAtEpoch, crashBatch);
            Trainer<float[][]> t = new Trainer<>(
                    TrainerConfig.builder(out, 3).optDevices(List.of(Device.cpu())).optSeed(seed).build(),
                    ScheduleConfig.cosine(0.05, 3, 0.5, 0.005), SgdConfig.x3d(5e-5), params,
                    X3DInit.batchNormKeys(params.keySet()), s, new Clips(), e -> Map.of(), "{\"task\":\"tiny\"}",
                    new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), false, 100));
            t.run(m);
        }
    }

    static byte[] bytes(Path run, int epoch, String file) throws Exception {
        return Files.readAllBytes(run.resolve(String.format("checkpoints/epoch_%04d/%s", epoch, file)));
    }

    @Test
    void sameSeedSameBytesAndAKilledRunResumesToTheSameBytes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path killed = dir.resolve("killed");
        Path other = dir.resolve("other-seed");
        train(a, 0, 1, -1, -1, 0);
        train(b, 0, 1, -1, -1, 0);
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertArrayEquals(bytes(a, epoch, "model.safetensors"), bytes(b, epoch, "model.safetensors"),
                    "epoch " + epoch + ": same seed, same weights and BN statistics");
            assertArrayEquals(bytes(a, epoch, "optimizer.safetensors"), bytes(b, epoch, "optimizer.safetensors"));
        }
        // Killed in the second batch of epoch 2 (after checkpoint epoch_0001), then resumed by a fresh process state:
        // a different initialisation proves everything comes from the checkpoint.
        assertThrows(IllegalStateException.class, () -> train(killed, 0, 1, 1, 1, 0));
        assertTrue(Files.isDirectory(killed.resolve("checkpoints/epoch_0001")));
        assertFalse(Files.exists(killed.resolve("checkpoints/epoch_0002")));
        train(killed, 0, 99, -1, -1, 1);
        assertArrayEquals(bytes(a, 3, "model.safetensors"), bytes(killed, 3, "model.safetensors"),
                "resumed run equals the uninterrupted one byte for byte");
        assertArrayEquals(bytes(a, 3, "optimizer.safetensors"), bytes(killed, 3, "optimizer.safetensors"));
        assertEquals(Files.readString(a.resolve("checkpoints/epoch_0003/state.json")),
                Files.readString(killed.resolve("checkpoints/epoch_0003/state.json")));
        // The check can fail: another seed draws other dropout masks, so other weights.
        train(other, 1, 1, -1, -1, 0);
        assertFalse(java.util.Arrays.equals(bytes(a, 1, "model.safetensors"), bytes(other, 1, "model.safetensors")),
                "a different seed must give different weights (dropout masks)");
    }
}
