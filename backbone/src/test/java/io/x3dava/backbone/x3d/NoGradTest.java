package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** libtorch's grad mode is per thread: a thread that did not start the engine records autograd until told not to. */
class NoGradTest {

    @Test
    void anotherThreadRecordsUntilNoGradAndIsRestoredAfter() throws Exception {
        Engine.getEngine("PyTorch");
        List<Boolean> seen = new ArrayList<>();
        Thread t = new Thread(() -> {
            seen.add(JniUtils.isGradMode());
            try (NoGrad off = NoGrad.enter()) {
                seen.add(JniUtils.isGradMode());
            }
            seen.add(JniUtils.isGradMode());
        });
        t.start();
        t.join();
        assertEquals(List.of(true, false, true), seen, "a new thread: on; inside NoGrad: off; after: as before");
        boolean here = JniUtils.isGradMode();
        try (NoGrad off = NoGrad.enter()) {
            assertFalse(JniUtils.isGradMode());
        }
        assertEquals(here, JniUtils.isGradMode(), "a thread where it was off stays off");
        assertTrue(seen.get(0), "the reason NoGrad exists");
    }
}
