package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.viewer.CanvasPainter;
import io.x3dava.viewer.FrameCursor;
import io.x3dava.viewer.Palette;
import io.x3dava.viewer.VideoFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;

/**
 * The annotation window of one video: the keyframe's frame with its person boxes, the actions of the selected box as
 * check boxes (keys 1-9 tick the first nine, the search field finds the others), progress and boxes per class.
 * Mouse: drag on the frame draws a box, drag inside a box moves it, drag a corner of the selected box resizes it.
 * Keys: 1-9 tick, Delete removes the selected box, C copies the previous keyframe's actions to the same person ids,
 * Enter / N accepts the keyframe and goes to the next unlabelled one, Left / Right step keyframes, Ctrl+Z undoes,
 * Tab selects the next box. Frames are decoded and boxes suggested off the JavaFX thread.
 */
public final class AnnotateWindow {
    private static final double HANDLE_PX = 8;
    private static final double MIN_BOX = 0.01;
    private static final int SELECTED_RGB = 0xffd400;
    private static final int UNLABELLED_RGB = 0xffffff;

    private enum Drag { NONE, DRAW, MOVE, RESIZE }

    private final Stage stage;
    private final AnnotationSession session;
    private final BoxSuggestions suggestions;
    private final FrameCursor cursor;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "annotate-decoder");
        t.setDaemon(true);
        return t;
    });
    private final Canvas canvas = new Canvas(800, 600);
    private final Label title = new Label();
    private final Label progress = new Label();
    private final Label counts = new Label();
    private final Label status = new Label();
    private final TextField search = new TextField();
    private final VBox classBoxes = new VBox(2);
    private final List<CheckBox> checks = new ArrayList<>();
    private final CanvasPainter painter = new CanvasPainter();

    private int current;
    private int selected = -1;
    private Image image;
    private volatile int shownSecond = -1;
    private CanvasPainter.Viewport viewport;
    private boolean updatingChecks;
    // the drag under way
    private Drag drag = Drag.NONE;
    private double startX;
    private double startY;
    private int corner;
    private AvaBox preview;

    public AnnotateWindow(Stage stage, AnnotationSession session, BoxSuggestions suggestions, FrameCursor cursor) {
        this.stage = stage;
        this.session = session;
        this.suggestions = suggestions;
        this.cursor = cursor;
        BorderPane root = new BorderPane();
        Pane centre = new Pane(canvas);
        canvas.widthProperty().bind(centre.widthProperty());
        canvas.heightProperty().bind(centre.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        root.setCenter(centre);
        title.setFont(Font.font(14));
        root.setTop(new HBox(title));
        BorderPane.setMargin(root.getTop(), new Insets(4));

        search.setPromptText("search actions (Enter ticks the first)");
        search.textProperty().addListener(o -> filterClasses());
        search.setOnAction(e -> tickFirstVisible());
        for (LabelMapEntry e : session.labelMap().entries()) {
            int i = checks.size();
            CheckBox cb = new CheckBox((i < 9 ? (i + 1) + "  " : "   ") + e.name());
            cb.setUserData(e.id());
            cb.setFocusTraversable(false);
            cb.selectedProperty().addListener((o, was, now) -> {
                if (!updatingChecks) {
                    toggle(e.id());
                }
            });
            checks.add(cb);
            classBoxes.getChildren().add(cb);
        }
        ScrollPane classes = new ScrollPane(classBoxes);
        classes.setFitToWidth(true);
        classes.setPrefViewportHeight(260);
        classes.setFocusTraversable(false);
        VBox side = new VBox(6, progress, new Label("Actions of the selected box:"), search, classes,
                new Label("Boxes per class (labelled keyframes):"), counts);
        side.setPadding(new Insets(6));
        side.setPrefWidth(260);
        root.setRight(side);

        Button prev = button("|< (Left)", () -> go(current - 1));
        Button next = button(">| (Right)", () -> go(current + 1));
        Button nextOpen = button("Accept, next unlabelled (Enter)", this::acceptAndNext);
        Button copy = button("Copy previous (C)", this::copyPrevious);
        Button delete = button("Delete box (Del)", this::deleteSelected);
        Button undo = button("Undo (Ctrl+Z)", this::undo);
        VBox bar = new VBox(4, new HBox(6, prev, next, nextOpen, copy, delete, undo), status);
        bar.setPadding(new Insets(4));
        root.setBottom(bar);

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        Scene scene = new Scene(root, 1100, 700);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        stage.setScene(scene);
        stage.setTitle("x3d-ava annotate: " + session.videoId() + " -> " + session.gtFile());
        stage.setOnHidden(e -> close());
        status.setText(suggestions.description());
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Shows the first unlabelled keyframe (the first keyframe when all are labelled). */
    public CompletableFuture<Void> start() {
        Integer open = session.keyframes().isEmpty() ? null : session.nextUnlabelled(session.keyframes().get(
                session.keyframes().size() - 1));
        return go(open == null ? 0 : session.keyframes().indexOf(open));
    }

    private int second() {
        return session.keyframes().get(current);
    }

    /** Moves to keyframe {@code index}: decodes its frame and, for an untouched keyframe, its suggested boxes. */
    CompletableFuture<Void> go(int index) {
        if (session.keyframes().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        current = Math.max(0, Math.min(session.keyframes().size() - 1, index));
        selected = -1;
        int t = second();
        boolean prefill = session.needsPrefill(t);
        updateSide();
        CompletableFuture<Void> done = new CompletableFuture<>();
        decoder.execute(() -> {
            try {
                cursor.seek(t);
                VideoFrame f = cursor.next();
                List<PersonLabel> suggested = prefill && f != null ? suggestions.at(t, f) : List.of();
                Platform.runLater(() -> {
                    if (prefill) {
                        session.prefill(t, suggested);
                    }
                    if (t == second()) {
                        image = f == null ? null : fxImage(f);
                        shownSecond = t;
                        updateSide();
                        redraw();
                    }
                    done.complete(null);
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    fail("cannot read keyframe " + t + ": " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    private void acceptAndNext() {
        run(() -> session.confirm(second()));
        Integer next = session.nextUnlabelled(second());
        if (next == null) {
            status.setText("every keyframe is labelled (" + session.keyframes().size() + ")");
        } else {
            go(session.keyframes().indexOf(next));
        }
    }

    private void copyPrevious() {
        if (current == 0) {
            status.setText("no previous keyframe");
            return;
        }
        int[] n = new int[1];
        run(() -> n[0] = session.copyPrevious(second()));
        status.setText("copied the previous keyframe's actions to " + n[0] + " boxes of the same person");
    }

    private void deleteSelected() {
        if (selected >= 0) {
            int s = selected;
            selected = -1;
            run(() -> session.deleteBox(second(), s));
        }
    }

    private void undo() {
        run(() -> {
            if (!session.undo()) {
                status.setText("nothing to undo");
            }
        });
        if (session.needsPrefill(second())) {
            go(current);
        }
        selected = Math.min(selected, session.people(second()).size() - 1);
    }

    private void toggle(int actionId) {
        if (selected < 0) {
            status.setText("select a box first (click it)");
            updateSide();
            return;
        }
        run(() -> session.toggleAction(second(), selected, actionId));
    }

    private void tickFirstVisible() {
        for (CheckBox cb : checks) {
            if (cb.isVisible()) {
                toggle((Integer) cb.getUserData());
                search.clear();
                canvas.requestFocus();
                return;
            }
        }
    }

    private void filterClasses() {
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        for (CheckBox cb : checks) {
            boolean show = q.isEmpty() || cb.getText().toLowerCase(Locale.ROOT).contains(q);
            cb.setVisible(show);
            cb.setManaged(show);
        }
    }

    /** Runs an edit; a failed save is shown, never lost silently. */
    private void run(Edit edit) {
        try {
            edit.run();
            status.setTextFill(Color.BLACK);
            status.setText("saved " + session.gtFile().getFileName());
        } catch (IOException | RuntimeException e) {
            fail("NOT SAVED: " + e.getMessage());
        }
        updateSide();
        redraw();
    }

    private interface Edit {
        void run() throws IOException;
    }

    private void fail(String message) {
        status.setTextFill(Color.RED);
        status.setText(message);
    }

    private void key(KeyEvent e) {
        if (e.getTarget() == search) {
            return;
        }
        KeyCode k = e.getCode();
        int digit = k.isDigitKey() ? k.getCode() - (k.isKeypadKey() ? KeyCode.NUMPAD0.getCode() : KeyCode.DIGIT0
                .getCode()) : -1;
        if (digit >= 1 && digit <= 9 && digit <= checks.size()) {
            toggle((Integer) checks.get(digit - 1).getUserData());
        } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            deleteSelected();
        } else if (k == KeyCode.C && !e.isShortcutDown()) {
            copyPrevious();
        } else if (k == KeyCode.ENTER || k == KeyCode.N) {
            acceptAndNext();
        } else if (k == KeyCode.RIGHT) {
            go(current + 1);
        } else if (k == KeyCode.LEFT) {
            go(current - 1);
        } else if (k == KeyCode.Z && e.isShortcutDown()) {
            undo();
        } else if (k == KeyCode.TAB) {
            int n = session.people(second()).size();
            selected = n == 0 ? -1 : (selected + 1) % n;
            updateSide();
            redraw();
        } else {
            return;
        }
        e.consume();
    }

    // ---- mouse ----

    private double nx(double x) {
        return (x - viewport.x()) / viewport.width();
    }

    private double ny(double y) {
        return (y - viewport.y()) / viewport.height();
    }

    private void pressed(MouseEvent e) {
        if (viewport == null || image == null) {
            return;
        }
        canvas.requestFocus();
        startX = nx(e.getX());
        startY = ny(e.getY());
        List<PersonLabel> people = session.people(second());
        if (selected >= 0 && selected < people.size()) {
            AvaBox b = people.get(selected).box();
            double[][] corners = {{b.x1(), b.y1()}, {b.x2(), b.y1()}, {b.x1(), b.y2()}, {b.x2(), b.y2()}};
            for (int c = 0; c < 4; c++) {
                if (Math.abs((corners[c][0] - startX) * viewport.width()) <= HANDLE_PX
                        && Math.abs((corners[c][1] - startY) * viewport.height()) <= HANDLE_PX) {
                    drag = Drag.RESIZE;
                    corner = c;
                    preview = b;
                    return;
                }
            }
        }
        for (int i = people.size() - 1; i >= 0; i--) {
            AvaBox b = people.get(i).box();
            if (startX >= b.x1() && startX <= b.x2() && startY >= b.y1() && startY <= b.y2()) {
                selected = i;
                drag = Drag.MOVE;
                preview = b;
                updateSide();
                redraw();
                return;
            }
        }
        selected = -1;
        drag = Drag.DRAW;
        preview = new AvaBox(startX, startY, startX, startY);
        updateSide();
        redraw();
    }

    private void dragged(MouseEvent e) {
        if (drag == Drag.NONE) {
            return;
        }
        double x = Math.max(0, Math.min(1, nx(e.getX())));
        double y = Math.max(0, Math.min(1, ny(e.getY())));
        if (drag == Drag.DRAW) {
            preview = new AvaBox(startX, startY, x, y);
        } else if (drag == Drag.MOVE) {
            AvaBox b = session.people(second()).get(selected).box();
            double dx = Math.max(-b.x1(), Math.min(1 - b.x2(), x - startX));
            double dy = Math.max(-b.y1(), Math.min(1 - b.y2(), y - startY));
            preview = new AvaBox(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy);
        } else {
            AvaBox b = session.people(second()).get(selected).box();
            preview = new AvaBox(corner % 2 == 0 ? x : b.x1(), corner < 2 ? y : b.y1(), corner % 2 == 1 ? x : b.x2(),
                    corner >= 2 ? y : b.y2());
        }
        redraw();
    }

    private void released(MouseEvent e) {
        dragged(e);
        Drag was = drag;
        drag = Drag.NONE;
        AvaBox b = preview == null ? null : PersonLabel.rounded(preview);
        preview = null;
        if (b == null) {
            return;
        }
        boolean big = b.x2() - b.x1() >= MIN_BOX && b.y2() - b.y1() >= MIN_BOX;
        if (was == Drag.DRAW && big) {
            int[] index = new int[1];
            run(() -> index[0] = session.addBox(second(), b));
            selected = index[0];
        } else if ((was == Drag.MOVE || was == Drag.RESIZE) && big
                && !b.equals(session.people(second()).get(selected).box())) {
            run(() -> session.moveBox(second(), selected, b));
        }
        updateSide();
        redraw();
    }

    // ---- drawing ----

    private void updateSide() {
        if (session.keyframes().isEmpty()) {
            title.setText(session.videoId() + ": no keyframes");
            return;
        }
        int t = second();
        title.setText(String.format(Locale.ROOT, "%s   keyframe %d s (%d of %d)%s   person #%s", session.videoId(), t,
                current + 1, session.keyframes().size(), session.isLabelled(t) ? "  labelled" : "",
                selected >= 0 ? String.valueOf(session.people(t).get(selected).personId()) : "-"));
        progress.setText(String.format(Locale.ROOT, "Labelled keyframes: %d / %d", session.labelledCount(),
                session.keyframes().size()));
        StringBuilder sb = new StringBuilder();
        Map<Integer, Integer> perClass = session.boxesPerClass();
        for (LabelMapEntry e : session.labelMap().entries()) {
            sb.append(String.format(Locale.ROOT, "%5d  %s%n", perClass.getOrDefault(e.id(), 0), e.name()));
        }
        counts.setText(sb.toString());
        updatingChecks = true;
        List<PersonLabel> people = session.people(t);
        for (CheckBox cb : checks) {
            cb.setDisable(selected < 0);
            cb.setSelected(selected >= 0 && selected < people.size()
                    && people.get(selected).actions().contains((Integer) cb.getUserData()));
        }
        updatingChecks = false;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        viewport = painter.paint(g, canvas.getWidth(), canvas.getHeight(), image, List.of());
        if (image == null || session.keyframes().isEmpty()) {
            return;
        }
        List<PersonLabel> people = session.people(second());
        for (int i = 0; i < people.size(); i++) {
            PersonLabel p = people.get(i);
            AvaBox b = i == selected && preview != null && drag != Drag.DRAW ? preview : p.box();
            int rgb = i == selected ? SELECTED_RGB : p.actions().isEmpty() ? UNLABELLED_RGB
                    : Palette.rgb(p.actions().iterator().next());
            stroke(g, b, rgb, i == selected ? 3 : 2, p.actions().isEmpty() && i != selected);
            if (i == selected) {
                g.setFill(colour(SELECTED_RGB));
                for (double[] c : new double[][] {{b.x1(), b.y1()}, {b.x2(), b.y1()}, {b.x1(), b.y2()},
                        {b.x2(), b.y2()}}) {
                    g.fillRect(px(c[0]) - 4, py(c[1]) - 4, 8, 8);
                }
            }
            StringBuilder label = new StringBuilder("#" + p.personId());
            p.actions().forEach(a -> label.append(' ').append(session.labelMap().contains(a)
                    ? session.labelMap().name(a) : String.valueOf(a)));
            g.setFont(Font.font(13));
            // the box's colour as a tab, white text on a dark band: readable on any colour
            g.setFill(colour(rgb));
            g.fillRect(px(b.x1()), py(b.y1()) - 17, 4, 16);
            g.setFill(Color.rgb(0, 0, 0, 0.7));
            g.fillRect(px(b.x1()) + 4, py(b.y1()) - 17, Math.max(26, label.length() * 7.5), 16);
            g.setFill(Color.WHITE);
            g.fillText(label.toString(), px(b.x1()) + 7, py(b.y1()) - 4);
        }
        if (drag == Drag.DRAW && preview != null) {
            stroke(g, PersonLabel.rounded(preview), SELECTED_RGB, 2, true);
        }
    }

    private void stroke(GraphicsContext g, AvaBox b, int rgb, double width, boolean dashed) {
        g.setStroke(Color.rgb(0, 0, 0, 0.7));
        g.setLineWidth(width + 2);
        g.setLineDashes((double[]) null);
        g.strokeRect(px(b.x1()), py(b.y1()), px(b.x2()) - px(b.x1()), py(b.y2()) - py(b.y1()));
        g.setStroke(colour(rgb));
        g.setLineWidth(width);
        g.setLineDashes(dashed ? new double[] {6, 4} : null);
        g.strokeRect(px(b.x1()), py(b.y1()), px(b.x2()) - px(b.x1()), py(b.y2()) - py(b.y1()));
        g.setLineDashes((double[]) null);
    }

    private double px(double x) {
        return viewport.x() + x * viewport.width();
    }

    private double py(double y) {
        return viewport.y() + y * viewport.height();
    }

    private static Color colour(int rgb) {
        return Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    }

    private static Image fxImage(VideoFrame f) {
        WritableImage img = new WritableImage(f.width(), f.height());
        img.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                f.width() * 3);
        return img;
    }

    // ---- for tests and shutdown ----

    public Stage stage() {
        return stage;
    }

    public Canvas canvas() {
        return canvas;
    }

    public AnnotationSession session() {
        return session;
    }

    /** Where the frame was drawn at the last redraw (FX thread). */
    public CanvasPainter.Viewport viewport() {
        return viewport;
    }

    /** The keyframe second whose frame is shown (any thread); -1 before the first. */
    public int shownSecond() {
        return shownSecond;
    }

    public String statusText() {
        return status.getText();
    }

    public void close() {
        decoder.shutdownNow();
        try {
            cursor.close();
        } catch (IOException ignored) {
            // closing on exit: nothing is lost, every edit was saved when it was made
        }
        suggestions.close();
    }
}
