package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window: opens it, loads a generated video and detections, seeks to the keyframe and checks the box pixels
 * in a canvas snapshot. Needs a display (xvfb-run -a); without one it is skipped with a message, or fails when
 * -Dx3dava.requireDisplay=true (CI with Xvfb must not silently skip it).
 */
class ViewerWindowTest {
    static final int ACTION = 5;
    static final long TIMEOUT_S = 60;

    @TempDir
    static Path dir;

    static final String NO_DISPLAY = "no DISPLAY. Run under `xvfb-run -a` to test the real window "
            + "(-Dx3dava.requireDisplay=true turns this skip into a failure).";

    static Stage stage;
    static ViewerWindow window;

    @BeforeAll
    static void startFx() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if (Boolean.getBoolean("x3dava.requireDisplay")) {
                fail("x3dava.requireDisplay=true but there is no DISPLAY: run under xvfb-run -a");
            }
            System.err.println("ViewerWindowTest SKIPPED: " + NO_DISPLAY);
            return; // skipped per test (below), so that the report counts it as skipped
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(TIMEOUT_S, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        window = onFx(() -> {
            stage = new Stage();
            ViewerWindow w = new ViewerWindow(stage, OverlaySettings.defaults(), TimeMapping.none());
            stage.show();
            return w;
        });
    }

    @AfterAll
    static void closeWindow() throws Exception {
        if (stage != null) {
            onFx(() -> {
                stage.close();
                return null;
            });
        }
    }

    static <T> T onFx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Whether some pixel within 3 px of (x, y) has the colour (JavaFX antialiases canvas strokes). */
    static boolean colourNear(PixelReader px, int x, int y, int rgb) {
        for (int dx = -3; dx <= 3; dx++) {
            if (TestVideos.near(px.getArgb(x + dx, y) & 0xffffff, rgb, 12)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void drawsTheDetectionBoxAtTheKeyframeAndSurvivesABadFile() throws Exception {
        Assumptions.assumeTrue(window != null, NO_DISPLAY);
        Path video = TestVideos.write(dir.resolve("clip.mp4"), 640, 480, 10, 25);
        Path csv = dir.resolve("dets.csv");
        Files.writeString(csv, "clip,0001,0.25,0.25,0.75,0.75," + ACTION + ",0.9\nclip,0002,0.25,0.25,0.75,0.75,"
                + ACTION + ",0.8\n");
        window.loadDetections(csv).get(TIMEOUT_S, TimeUnit.SECONDS);
        window.openVideo(video).get(TIMEOUT_S, TimeUnit.SECONDS);

        onFx(() -> {
            window.seekAvaTime(1.0);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!(Math.abs(window.shownVideoTime() - 1.0) < 1e-3)) {
            if (System.nanoTime() > deadline) {
                fail("the frame at 1.0 s was never shown (last: " + window.shownVideoTime() + ")");
            }
            Thread.sleep(20);
        }
        checkBox("after seeking to keyframe 1");

        // "Keyframe >|" moves on to keyframe 2 (the frame at 2.0 s), "|< Keyframe" back to 1
        onFx(() -> {
            window.jumpKeyframe(true);
            return null;
        });
        awaitShown(2.0);
        onFx(() -> {
            window.jumpKeyframe(false);
            return null;
        });
        awaitShown(1.0);

        // a malformed file: the load fails naming file and line, and the window keeps what it had
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "clip,0001,0.25,0.25,0.75,0.75," + ACTION + ",0.9\nclip,0001,0.25,0.25,0.75\n");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> window.loadDetections(bad).get(TIMEOUT_S, TimeUnit.SECONDS));
        Throwable cause = e;
        while (!(cause instanceof AnnotationFormatException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof AnnotationFormatException, "expected an AnnotationFormatException: " + e);
        assertEquals(2, ((AnnotationFormatException) cause).line());
        assertTrue(ErrorMessages.of(e).startsWith(bad + ":2:"), ErrorMessages.of(e));
        checkBox("after the failed load");
    }

    private static void awaitShown(double videoTime) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!(Math.abs(window.shownVideoTime() - videoTime) < 1e-3)) {
            if (System.nanoTime() > deadline) {
                fail("the frame at " + videoTime + " s was never shown (last: " + window.shownVideoTime() + ")");
            }
            Thread.sleep(20);
        }
    }

    private void checkBox(String when) throws Exception {
        record Snap(WritableImage image, CanvasPainter.Viewport vp) {}
        Snap s = onFx(() -> new Snap(window.canvas().snapshot(null, null), window.viewport()));
        assertNotNull(s.vp());
        PixelReader px = s.image().getPixelReader();
        int x = (int) Math.round(s.vp().x() + 0.25 * s.vp().width());
        int y = (int) Math.round(s.vp().y() + 0.5 * s.vp().height());
        assertTrue(colourNear(px, x, y, Palette.rgb(ACTION)),
                String.format("%s: no box colour %06x near the left edge (%d,%d): %06x", when, Palette.rgb(ACTION), x, y,
                        px.getArgb(x, y) & 0xffffff));
        int cx = (int) (s.vp().x() + 0.5 * s.vp().width());
        assertTrue(TestVideos.near(px.getArgb(cx, y) & 0xffffff, TestVideos.BACKGROUND, 12), when + ": inside the box is the frame");
    }
}
