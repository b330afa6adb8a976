package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One residual stage res2..res5; reference names pathway0_res0, pathway0_res1, ... */
public final class X3DStage extends AbstractBlock implements ReferenceNamed {

    private final List<X3DResBlock> blocks = new ArrayList<>();

    public X3DStage(X3DStageSpec spec) {
        int dimIn = spec.dimIn();
        for (int i = 0; i < spec.depth(); i++) {
            int se = spec.hasSe(i) ? spec.seDim() : 0;
            blocks.add(addChildBlock("pathway0_res" + i,
                    new X3DResBlock(dimIn, spec.dimInner(), spec.dimOut(), spec.spatialStride(i), se)));
            dimIn = spec.dimOut();
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = inputs;
        for (X3DResBlock b : blocks) {
            NDList next = training ? b.forward(ps, x, true) : inferScoped(ps, b, x);
            if (x != inputs) {
                x.close(); // intermediate activations are not needed once consumed (autograd keeps its own refs)
            }
            x = next;
        }
        return x;
    }

    /**
     * An eval-mode block inside its own sub-manager: the block's intermediates are freed when it returns instead of
     * when the caller's manager closes, so an inference pass holds one block's activations at a time (fewer fresh
     * pages from the allocator). The output moves to the input's manager.
     */
    private static NDList inferScoped(ParameterStore ps, X3DResBlock b, NDList x) {
        NDManager parent = x.head().getManager();
        try (NDManager scope = parent.newSubManager()) {
            scope.tempAttachAll(x);
            NDList out = b.forward(ps, x, false);
            out.attach(parent);
            return out;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = inputs;
        for (X3DResBlock b : blocks) {
            s = b.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (X3DResBlock b : blocks) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).nameParameters(prefix + ".pathway0_res" + i, out);
        }
    }
}
