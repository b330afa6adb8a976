package io.x3dava.backbone.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.List;

/**
 * One training forward pass of a task (Kinetics classification, Charades multi-label, AVA detection).
 *
 * @param <B> a batch as plain Java data (decoded clips, labels, boxes), turned into NDArrays inside {@link #forward}
 */
public interface TrainStep<B> {

    /** Result of a forward pass: the scalar loss to differentiate, and the task's running statistics. */
    record Output(NDArray loss, int samples, double correct) {
    }

    /** Runs the network in training mode on {@code batch}; every array created belongs to {@code batchManager}. */
    Output forward(ParameterStore ps, NDManager batchManager, B batch);

    /**
     * Splits a batch into {@code parts} shards for data parallelism over devices (nearly equal sizes, in order).
     * Tasks whose batches are lists can use {@link #splitList}.
     */
    default List<B> split(B batch, int parts) {
        if (parts == 1) {
            return List.of(batch);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot split batches over devices");
    }

    /** Contiguous, nearly equal shards of a list batch (empty shards are left out). */
    static <T> List<List<T>> splitList(List<T> batch, int parts) {
        List<List<T>> out = new ArrayList<>();
        int n = batch.size();
        for (int k = 0; k < parts; k++) {
            List<T> shard = batch.subList(k * n / parts, (k + 1) * n / parts);
            if (!shard.isEmpty()) {
                out.add(shard);
            }
        }
        return out;
    }
}
