package io.x3dava.proposals.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class DetectorSpecTest {

    @Test
    void parsesEveryKind() {
        assertEquals(DetectorSpec.hog(), DetectorSpec.parse("HOG"));
        assertEquals(new DetectorSpec(DetectorKind.ZOO, "yolov8n"), DetectorSpec.parse("zoo:yolov8n"));
        assertEquals(new DetectorSpec(DetectorKind.YOLO, "m/y.torchscript"), DetectorSpec.parse("m/y.torchscript"));
        assertEquals(new DetectorSpec(DetectorKind.YOLO, "x.bin"), DetectorSpec.parse("yolo:x.bin"));
        assertEquals(new DetectorSpec(DetectorKind.TORCHVISION, "frcnn.pt"), DetectorSpec.parse("frcnn.pt"));
        assertEquals(new DetectorSpec(DetectorKind.TORCHVISION, "a.bin"), DetectorSpec.parse("torchvision:a.bin"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectorSpec.parse("ssd"));
        assertTrue(e.getMessage().startsWith("--detector 'ssd': expected hog"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetectorSpec.parse("zoo:"));
    }

    @Test
    void missingModelFileIsOneLine() {
        IOException e = assertThrows(IOException.class,
                () -> PersonDetectors.open(DetectorSpec.parse("/nonexistent/frcnn.pt"), 0.5));
        assertEquals("/nonexistent/frcnn.pt: detection model not found (expected a scripted torchvision detection"
                + " model (.pt))", e.getMessage());
    }

    /** Offline (as scripts/x3d-ava runs DJL) with no cached copy (none on this machine): one line saying how to get it. */
    @Test
    void zooModelOfflineWithoutCacheSaysHowToGetIt() {
        String before = System.getProperty("ai.djl.offline");
        System.setProperty("ai.djl.offline", "true");
        try {
            IOException e = assertThrows(IOException.class,
                    () -> PersonDetectors.open(DetectorSpec.parse("zoo:yolov8n"), 0.5));
            System.out.println("zoo offline: " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith("zoo:yolov8n: cannot load DJL's PyTorch zoo model"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--download") && e.getMessage().contains("--detector hog"),
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", before);
            }
        }
    }

    /**
     * The real scripted torchvision Faster R-CNN (../shared/fixtures/detector) calls torchvision::nms; this libtorch has
     * no torchvision library built for it (Debian's is built against torch 1.13), so the expected outcome here is the
     * one-line message naming the operator and both remedies, not a stack trace.
     */
    @Test
    void scriptedTorchvisionModelWithoutItsOperatorsFailsWithOneLine() {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path model = Path.of(root, "detector", "torchvision_frcnn_tiny_scripted.pt");
        if (!Files.isRegularFile(model)) {
            System.err.println("SKIPPED: " + model + " is absent (../shared/fixtures/detector)");
        }
        assumeTrue(Files.isRegularFile(model));
        assumeTrue(System.getenv(TorchvisionOps.EXTRA_LIBRARY) == null, "torchvision library configured");
        IOException e = assertThrows(IOException.class, () -> {
            try (FramePersonDetector d = PersonDetectors.open(DetectorSpec.parse(model.toString()), 0.0)) {
                d.detect(VtestFrames.read(1, 1).get(0));
            } catch (IOException | RuntimeException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        String m = e.getMessage();
        System.out.println("torchvision fixture: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.contains("torchvision::nms") || m.contains("torchvision::roi_align"), m);
        assertTrue(m.contains("--torchvision-lib") && m.contains("without torchvision operators"), m);
    }
}
