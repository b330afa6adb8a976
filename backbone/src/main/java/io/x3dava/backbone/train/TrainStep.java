package io.x3dava.backbone.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

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
}
