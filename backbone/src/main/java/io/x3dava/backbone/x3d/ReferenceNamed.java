package io.x3dava.backbone.x3d;

import ai.djl.nn.Parameter;

import java.util.Map;

/** A block that can list its parameters under the state-dict keys of the reference implementation. */
public interface ReferenceNamed {

    /** Adds this block's parameters, keyed {@code prefix + "." + reference name}, in the reference's order. */
    void nameParameters(String prefix, Map<String, Parameter> out);
}
