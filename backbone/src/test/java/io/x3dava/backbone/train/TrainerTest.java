package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a linear regression: convergence, exact resume after a crash, NaN stop, outputs on disk. */
class TrainerTest {

    private static final float[] TRUE_W = {2f, -1f, 0.5f};

    /** Fixed batches of (x, y = x . TRUE_W); the order depends only on the epoch. */
    static class Data implements EpochSource<float[][]> {
        @Override
        public int batchesPerEpoch() {
            return 8;
        }

        @Override
        public Iterator<float[][]> batches(int epoch) {
            Random r = new Random(1000 + epoch);
            List<float[][]> out = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                float[] x = new float[16 * 3];
                float[] y = new float[16];
                for (int i = 0; i < 16; i++) {
                    for (int j = 0; j < 3; j++) {
                        x[i * 3 + j] = (float) r.nextGaussian();
                        y[i] += x[i * 3 + j] * TRUE_W[j];
                    }
                }
                out.add(new float[][] {x, y});
            }
            return out.iterator();
        }
    }

    /** Mean squared error of a Linear block; can be told to crash or to produce NaN at a given epoch. */
    static TrainStep<float[][]> step(Linear fc, int crashAtEpoch, int nanAtEpoch, int[] epochSeen) {
        return new TrainStep<>() {
            @Override
            public Output forward(ai.djl.training.ParameterStore ps, NDManager m, float[][] batch) {
                return TrainerTest.forward(fc, crashAtEpoch, nanAtEpoch, epochSeen, ps, m, batch);
            }

            @Override
            public List<float[][]> split(float[][] batch, int parts) {
                List<float[][]> out = new ArrayList<>();
                int n = batch[1].length;
                for (int k = 0; k < parts; k++) {
                    int from = k * n / parts;
                    int to = (k + 1) * n / parts;
                    out.add(new float[][] {java.util.Arrays.copyOfRange(batch[0], from * 3, to * 3),
                        java.util.Arrays.copyOfRange(batch[1], from, to)});
                }
                return out;
            }
        };
    }

    static TrainStep.Output forward(Linear fc, int crashAtEpoch, int nanAtEpoch, int[] epochSeen,
                                    ai.djl.training.ParameterStore ps, NDManager m, float[][] batch) {
        {
            int n = batch[1].length;
            NDArray x = m.create(batch[0], new Shape(n, 3));
            NDArray y = m.create(batch[1], new Shape(n, 1));
            NDArray pred = fc.forward(ps, new NDList(x), true).singletonOrThrow();
            NDArray loss = pred.sub(y).square().mean();
            if (epochSeen[0] == nanAtEpoch) {
                loss = loss.mul(Float.NaN);
            }
            if (epochSeen[0] == crashAtEpoch) {
                throw new IllegalStateException("simulated kill");
            }
            return new TrainStep.Output(loss, n, 0);
        }
    }

    static Map<String, Parameter> params(Linear fc) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("fc.weight", fc.getParameters().get("weight"));
        p.put("fc.bias", fc.getParameters().get("bias"));
        return p;
    }

    static Linear newLinear(NDManager m) {
        Linear fc = Linear.builder().setUnits(1).optBias(true).build();
        fc.initialize(m, DataType.FLOAT32, new Shape(16, 3));
        fc.getParameters().get("weight").getArray().set(new float[] {0.1f, 0.1f, 0.1f});
        fc.getParameters().get("bias").getArray().set(new float[] {0f});
        return fc;
    }

    /** Runs with an epoch counter the step can see (the trainer calls the evaluator after each epoch). */
    static Trainer.Summary train(NDManager m, Linear fc, Path out, int maxEpoch, int crashAt, int nanAt,
                                 PrintStream log) throws Exception {
        return train(m, fc, out, maxEpoch, crashAt, nanAt, log, List.of(Device.cpu()));
    }

    static Trainer.Summary train(NDManager m, Linear fc, Path out, int maxEpoch, int crashAt, int nanAt,
                                 PrintStream log, List<Device> devices) throws Exception {
        int[] epoch = {0};
        Trainer<float[][]> t = new Trainer<>(TrainerConfig.builder(out, maxEpoch).optKeepLast(2).optEvalPeriod(1)
                        .optDevices(devices).build(),
                ScheduleConfig.cosine(0.1, 4, 1, 0.01), SgdConfig.x3d(1e-4), params(fc), Set.of("fc.bias"),
                step(fc, crashAt, nanAt, epoch), new Data() {
                    @Override
                    public Iterator<float[][]> batches(int e) {
                        epoch[0] = e;
                        return super.batches(e);
                    }
                }, e -> Map.of("val_mse", 0.0), "{\"task\":\"test\"}", new ProgressReporter(log, false, 4));
        return t.run(m);
    }

    @Test
    void resumesExactlyWhereAKilledRunStopped(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        float[] straight;
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m);
            Trainer.Summary s = train(m, fc, dir.resolve("a"), 4, -1, -1, quiet);
            assertEquals(32, s.globalStep());
            straight = fc.getParameters().get("weight").getArray().toFloatArray();
            assertArrayEquals(TRUE_W, straight, 0.1f, "converges to the true weights (from 0.1, 0.1, 0.1)");
        }
        Path b = dir.resolve("b");
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m);
            assertThrows(IllegalStateException.class, () -> train(m, fc, b, 4, 2, -1, quiet));
        }
        assertTrue(Files.isDirectory(b.resolve("checkpoints/epoch_0002")));
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m); // fresh weights: everything must come from the checkpoint
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Trainer.Summary s = train(m, fc, b, 4, -1, -1, new PrintStream(log));
            assertTrue(log.toString().contains("resuming from"), log.toString());
            assertEquals(32, s.globalStep());
            assertArrayEquals(straight, fc.getParameters().get("weight").getArray().toFloatArray(), 1e-6f);
            assertEquals(4, s.history().size());
        }
        List<String> lines = Files.readAllLines(b.resolve("metrics.jsonl"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).contains("\"epoch\":4") && lines.get(3).contains("val_mse"), lines.get(3));
        assertTrue(Files.size(b.resolve("metrics.png")) > 1000);
        // keepLast = 2
        assertEquals(List.of(3, 4), new CheckpointStore(b.resolve("checkpoints"), 2).list().stream()
                .map(CheckpointStore.Checkpoint::epoch).toList());
    }

    @Test
    void dataParallelOverTwoReplicasEqualsOneDevice(@TempDir Path dir) throws Exception {
        // Two replicas on the CPU exercise the multi-GPU path: shards, per-replica backward, gradient sum, broadcast.
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        float[] one;
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m);
            train(m, fc, dir.resolve("one"), 3, -1, -1, quiet, List.of(Device.cpu()));
            one = fc.getParameters().get("weight").getArray().toFloatArray();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            train(m, fc, dir.resolve("two"), 3, -1, -1, new PrintStream(log), List.of(Device.cpu(), Device.cpu()));
            assertTrue(log.toString().contains("data parallel"), log.toString());
            assertArrayEquals(one, fc.getParameters().get("weight").getArray().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void nanLossStopsWithAClearMessageAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = newLinear(m);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> train(m, fc, dir, 4, -1, 1, new PrintStream(new ByteArrayOutputStream())));
            assertTrue(e.getMessage().contains("loss is NaN at epoch 2, batch 1"), e.getMessage());
            assertTrue(e.getMessage().contains("epoch_0001"), e.getMessage());
        }
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/epoch_0001/model.safetensors")));
    }
}
