package io.x3dava.backbone.classify;

import ai.djl.nn.Parameter;

import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fine-tuning starts from a new classifier (PySlowFast re-initialises the projection when it changes dataset), even
 * when the pre-training classifier happens to have as many outputs: a softmax head's logits are only defined up to a
 * shift, which sigmoid scores are not.
 */
final class NewClassifier {

    static final String PREFIX = "head.projection.";

    private NewClassifier() {
    }

    /** Re-initialises head.projection.* as a fresh network would be (N(0, 0.01) weights, zero bias). */
    static void reset(X3DNetwork net, long seed) {
        Map<String, Parameter> head = new LinkedHashMap<>();
        net.referenceParameters().forEach((k, p) -> {
            if (k.startsWith(PREFIX)) {
                head.put(k, p);
            }
        });
        if (head.isEmpty()) {
            throw new IllegalStateException("network has no " + PREFIX + "* parameters");
        }
        X3DInit.apply(head, seed);
    }
}
