package io.x3dava.viewer.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.backbone.synthetic.SyntheticVideos;
import io.x3dava.viewer.CanvasPainter;
import io.x3dava.viewer.FrameCursor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotation window as a user drives it, through the real mouse and keyboard (JavaFX Robot) under a display
 * (xvfb-run -a): draw a box, tick two actions with keys 1 and 3, Enter to the next keyframe, close, reopen. The CSV
 * holds exactly those rows and the reopened window continues at the next unlabelled keyframe. Skipped with a message
 * without a display, failed instead with -Dx3dava.requireDisplay=true.
 */
class AnnotateWindowTest {
    static final long TIMEOUT_S = 60;

    @TempDir
    static Path dir;
    static boolean started;

    @BeforeAll
    static void startFx() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if (Boolean.getBoolean("x3dava.requireDisplay")) {
                fail("x3dava.requireDisplay=true but there is no DISPLAY: run under xvfb-run -a");
            }
            System.err.println("AnnotateWindowTest SKIPPED: no DISPLAY. Run under `xvfb-run -a`.");
            return;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            Platform.startup(() -> f.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            f.complete(null);
        }
        f.get(TIMEOUT_S, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        started = true;
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

    static AnnotateWindow open(Path video, LabelMap map, Path gt) throws Exception {
        AnnotateWindow w = onFx(() -> {
            FrameCursor cursor = FrameCursor.open(video);
            AnnotationSession s = new AnnotationSession("clip", List.of(1, 2, 3), map, gt, 0);
            AnnotateWindow win = new AnnotateWindow(new Stage(), s, BoxSuggestions.none(), cursor);
            win.stage().show();
            win.stage().toFront();
            win.stage().requestFocus();
            return win;
        });
        onFx(w::start).get(TIMEOUT_S, TimeUnit.SECONDS);
        return w;
    }

    static void awaitShown(AnnotateWindow w, int second) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (w.shownSecond() != second || onFx(w::viewport) == null) {
            if (System.nanoTime() > deadline) {
                fail("keyframe " + second + " was never shown (last: " + w.shownSecond() + ")");
            }
            Thread.sleep(20);
        }
        Thread.sleep(300); // let the window settle on screen before the robot acts
    }

    /** Screen coordinates of a normalized point of the frame. */
    static Point2D screen(AnnotateWindow w, double x, double y) throws Exception {
        return onFx(() -> {
            CanvasPainter.Viewport vp = w.viewport();
            return w.canvas().localToScreen(vp.x() + x * vp.width(), vp.y() + y * vp.height());
        });
    }

    static void key(Robot r, KeyCode k) throws Exception {
        onFx(() -> {
            r.keyPress(k);
            r.keyRelease(k);
            return null;
        });
    }

    @Test
    void drawTickTwoActionsNextKeyframeReopen() throws Exception {
        Assumptions.assumeTrue(started, "no DISPLAY");
        Path video = dir.resolve("clip.mp4");
        SyntheticVideos.writeVideo(video, List.of(), 320, 240, 35, 10, 1); // 3.5 s: keyframes 1, 2, 3
        LabelMap map = new LabelMap(List.of(new LabelMapEntry(1, "lift", null), new LabelMapEntry(2, "push", null),
                new LabelMapEntry(3, "scan", null)));
        Path gt = dir.resolve("gt.csv");

        AnnotateWindow w = open(video, map, gt);
        awaitShown(w, 1);
        Robot robot = onFx(Robot::new);
        Point2D a = screen(w, 0.25, 0.2);
        Point2D b = screen(w, 0.75, 0.9);
        onFx(() -> {
            robot.mouseMove(a);
            robot.mousePress(MouseButton.PRIMARY);
            return null;
        });
        for (int i = 1; i <= 10; i++) {
            Point2D p = a.add(b.subtract(a).multiply(i / 10.0));
            onFx(() -> {
                robot.mouseMove(p);
                return null;
            });
            Thread.sleep(15);
        }
        onFx(() -> {
            robot.mouseRelease(MouseButton.PRIMARY);
            return null;
        });
        Thread.sleep(200);
        assertEquals(1, onFx(() -> w.session().people(1).size()), "the drawn box");
        key(robot, KeyCode.DIGIT1);
        key(robot, KeyCode.DIGIT3);
        Thread.sleep(200);
        assertEquals(Set.of(1, 3), onFx(() -> w.session().people(1).get(0).actions()), w.statusText());
        key(robot, KeyCode.ENTER);
        awaitShown(w, 2);

        List<AvaGroundTruthRow> rows = AvaCsv.readGroundTruth(gt);
        assertEquals(2, rows.size(), Files.readString(gt));
        int person = rows.get(0).personId();
        for (int i = 0; i < 2; i++) {
            AvaGroundTruthRow r = rows.get(i);
            assertEquals("clip", r.keyframe().videoId());
            assertEquals(1, r.keyframe().timestamp());
            assertEquals(i == 0 ? 1 : 3, r.actionId());
            assertEquals(person, r.personId());
            // the box is where the mouse went (within a pixel or two of 320x240)
            assertEquals(0.25, r.box().x1(), 0.01);
            assertEquals(0.2, r.box().y1(), 0.01);
            assertEquals(0.75, r.box().x2(), 0.01);
            assertEquals(0.9, r.box().y2(), 0.01);
        }
        assertEquals(rows.get(0).box(), rows.get(1).box());
        String saved = Files.readString(gt);
        onFx(() -> {
            w.stage().close();
            return null;
        });

        // reopen: keyframe 1 comes back labelled and the window continues at keyframe 2; nothing was rewritten
        AnnotateWindow again = open(video, map, gt);
        awaitShown(again, 2);
        assertTrue(onFx(() -> again.session().isLabelled(1)));
        assertEquals(1, onFx(() -> again.session().labelledCount()));
        assertEquals(Set.of(1, 3), onFx(() -> again.session().people(1).get(0).actions()));
        assertEquals(saved, Files.readString(gt));
        onFx(() -> {
            again.stage().close();
            return null;
        });
    }

    /**
     * The README's screenshot (run only with -Dx3dava.annotateScreenshot=FILE.png and the pedestrian fixture): the
     * built-in HOG detector, or detect-video's tracks (-Dx3dava.annotateTracks=tracks.json), pre-fills vtest.avi's
     * keyframes, a user labels two people at keyframe 1 with the mouse and
     * keys, accepts, copies the labels to the same people at keyframe 2 and selects one; then the screen is saved with
     * ImageMagick's import.
     */
    @Test
    void readmeScreenshot() throws Exception {
        String target = System.getProperty("x3dava.annotateScreenshot");
        Path video = Path.of(System.getProperty("x3dava.fixtures", "../../shared/fixtures"), "video", "vtest.avi");
        Assumptions.assumeTrue(started && target != null && Files.isRegularFile(video),
                "screenshot only with -Dx3dava.annotateScreenshot=FILE.png, a display and " + video);
        LabelMap map = new LabelMap(List.of(new LabelMapEntry(1, "walk", null), new LabelMapEntry(2, "stand", null),
                new LabelMapEntry(3, "talk to", null), new LabelMapEntry(4, "carry bag", null),
                new LabelMapEntry(5, "look at phone", null)));
        Path gt = dir.resolve("vtest_gt.csv");
        AnnotateWindow w = onFx(() -> {
            AnnotationSession s = new AnnotationSession("vtest", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), map, gt, 0);
            String tracks = System.getProperty("x3dava.annotateTracks");
            BoxSuggestions boxes = tracks != null
                    ? new TrackSuggestions(io.x3dava.proposals.track.TracksJson.read(Path.of(tracks)))
                    : new DetectorSuggestions(io.x3dava.proposals.detect.PersonDetectors.open(
                            io.x3dava.proposals.detect.DetectorSpec.hog(), 0.5), 0.5);
            AnnotateWindow win = new AnnotateWindow(new Stage(), s, boxes, FrameCursor.open(video));
            win.stage().setX(0);
            win.stage().setY(0);
            win.stage().show();
            win.stage().requestFocus();
            return win;
        });
        onFx(w::start).get(TIMEOUT_S, TimeUnit.SECONDS);
        awaitShown(w, 1);
        Robot robot = onFx(Robot::new);
        List<PersonLabel> people = onFx(() -> w.session().people(1));
        assertTrue(people.size() >= 2, "HOG finds people in vtest.avi: " + people);
        int[][] ticks = {{1}, {1, 4}, {1, 3}};
        for (int i = 0; i < Math.min(3, people.size()); i++) {
            var b = people.get(i).box();
            Point2D c = screen(w, (b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2);
            onFx(() -> {
                robot.mouseMove(c);
                robot.mouseClick(MouseButton.PRIMARY);
                return null;
            });
            Thread.sleep(150);
            for (int k : ticks[i]) {
                key(robot, KeyCode.getKeyCode(String.valueOf(k)));
            }
        }
        key(robot, KeyCode.ENTER);
        awaitShown(w, 2);
        key(robot, KeyCode.C);
        key(robot, KeyCode.TAB);
        Thread.sleep(800);
        new ProcessBuilder("import", "-window", "root", target).inheritIO().start().waitFor();
        onFx(() -> {
            w.stage().close();
            return null;
        });
    }
}
