package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplicaParameterStoreTest {

    /** X3D's convolutions have no bias: the replicas must answer for the absent parameter as DJL's store does. */
    @Test
    void convolutionWithoutBiasOverTwoReplicasSumsTheGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).optBias(false).build();
            conv.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            Parameter w = conv.getParameters().get("weight");
            w.getArray().set(new float[] {2f});
            w.getArray().setRequiresGradient(true);
            try (ReplicaParameterStore r = new ReplicaParameterStore(m, Map.of("w", w),
                    List.of(Device.cpu(), Device.cpu()))) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    for (int k = 0; k < 2; k++) {
                        r.use(k);
                        try (NDManager dm = NDManager.newBaseManager()) {
                            gc.backward(conv.forward(r, new NDList(dm.ones(new Shape(1, 1, 2, 2))), true)
                                    .singletonOrThrow().sum());
                        }
                    }
                }
                r.reduceGradients();
                // d(sum(w * x))/dw = 4 per shard (four ones), summed over two shards.
                assertArrayEquals(new float[] {8f}, w.getArray().getGradient().toFloatArray(), 1e-6f);
            }
        }
    }
}
