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

/**
 * Stem and res2..res5 of X3D: input (N, 3, T, H, W) normalised frames, output the res5 map (N, C5, T, H/32, W/32) that
 * the classification head and the AVA detector read. Reference names s1.pathway0_stem, s2..s5.
 */
public final class X3DBackbone extends AbstractBlock implements ReferenceNamed {

    private final X3DStem stem;
    private final List<X3DStage> stages = new ArrayList<>();
    private final List<X3DStageSpec> specs;

    public X3DBackbone(X3DConfig config) {
        stem = addChildBlock("s1", new X3DStem(X3DStageSpec.stemWidth(config), config.stemTemporalKernel()));
        specs = X3DStageSpec.of(config);
        for (X3DStageSpec s : specs) {
            stages.add(addChildBlock("s" + s.index(), new X3DStage(s)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = stem.forward(ps, inputs, training);
        for (X3DStage s : stages) {
            NDList next = s.forward(ps, x, training);
            x.close();
            x = next;
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = stem.getOutputShapes(inputs);
        for (X3DStage st : stages) {
            s = st.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape[] s = stem.getOutputShapes(inputShapes);
        for (X3DStage st : stages) {
            st.initialize(manager, dataType, s);
            s = st.getOutputShapes(s);
        }
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        stem.nameParameters(p + "s1.pathway0_stem", out);
        for (int i = 0; i < stages.size(); i++) {
            stages.get(i).nameParameters(p + "s" + specs.get(i).index(), out);
        }
    }
}
