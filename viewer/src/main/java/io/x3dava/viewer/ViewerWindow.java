package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.LabelMap;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The viewer window: UI wiring only. What is drawn comes from {@link OverlayQuery}, frames from {@link Player}; files
 * load on a background thread and every failure becomes a dialog naming the file (and line), after which the window
 * keeps what it had.
 */
public final class ViewerWindow {
    private static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4};

    private final Stage stage;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "x3dava-loader");
        t.setDaemon(true);
        return t;
    });
    private final CanvasPainter painter = new CanvasPainter();
    private final Canvas canvas = new Canvas(960, 540);
    private final Player player;
    private final Slider timeline = new Slider(0, 1, 0);
    private final Label timeLabel = new Label();
    private final Label status = new Label("Open a video (File menu or drop it here)");
    private final Button playButton = new Button("Play");
    private final ComboBox<String> videoIds = new ComboBox<>();
    private final TextField offsetField = new TextField();
    private final ClassFilterPanel classes;
    private final ApChart apChart = new ApChart();
    private final TableView<BoxTableRow> table = new TableView<>();

    // FX thread state
    private OverlayModel model = OverlayModel.empty();
    private OverlayQuery query = new OverlayQuery(model);
    private OverlaySettings settings;
    private TimeMapping time;
    private String videoId;
    private Path videoPath;
    private double frameRate = 30;
    private FrameClock clock;
    private Image image;
    private double imageTime;
    private long imageIndex;
    private Integer tableKeyframe;
    private ClassFilter tableFilter;
    private boolean timelineFromPlayer;
    private volatile double shownVideoTime = Double.NaN;
    private CanvasPainter.Viewport viewport;

    // frames handed from the decoding thread; only the newest is drawn when the FX thread falls behind
    private final AtomicReference<Shown> latest = new AtomicReference<>();
    private final AtomicBoolean drawPending = new AtomicBoolean();

    private record Shown(Image image, long index, double time) {}

    public ViewerWindow(Stage stage, OverlaySettings initial, TimeMapping initialTime) {
        this.stage = stage;
        this.settings = initial;
        this.time = initialTime;
        this.classes = new ClassFilterPanel(f -> update(settings.withFilter(f)));
        this.player = new Player(new Player.Listener() {
            @Override
            public void frame(VideoFrame f) {
                latest.set(new Shown(fxImage(f), f.index(), f.time()));
                if (drawPending.compareAndSet(false, true)) {
                    Platform.runLater(ViewerWindow.this::drawLatest);
                }
            }

            @Override
            public void playingChanged(boolean playing) {
                Platform.runLater(() -> playButton.setText(playing ? "Pause" : "Play"));
            }

            @Override
            public void error(Exception e) {
                Platform.runLater(() -> showError("Playback failed", e));
            }
        });

        BorderPane root = new BorderPane();
        root.setTop(menuBar());
        Pane canvasPane = new Pane(canvas);
        canvasPane.setStyle("-fx-background-color: black;");
        canvasPane.setMinSize(200, 150);
        canvas.widthProperty().bind(canvasPane.widthProperty());
        canvas.heightProperty().bind(canvasPane.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> redraw());
        canvas.heightProperty().addListener((o, a, b) -> redraw());
        root.setCenter(canvasPane);
        root.setBottom(new VBox(4, transport(), drawControls(), status));
        root.setRight(sidePanel());
        BorderPane.setMargin(root.getBottom(), new Insets(4));

        Scene scene = new Scene(root, 1400, 860);
        acceptDrops(scene);
        scene.setOnKeyPressed(k -> {
            if (k.getCode() == KeyCode.SPACE) {
                player.togglePlay();
                k.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("X3D-AVA viewer");
        stage.setOnHidden(e -> close());
        offsetField.setText(number(time.offsetSeconds()));
        redraw();
    }

    // ---- opening files (public: also the test's entry points) ----

    /** Opens what the command line named; each failure is its own dialog. */
    public void openAtStart(ViewerStart s) {
        InputFiles f = s.files();
        if (f.labelMap() != null) {
            loadLabelMap(f.labelMap());
        }
        if (f.exclusions() != null) {
            loadExclusions(f.exclusions());
        }
        if (f.detections() != null) {
            loadDetections(f.detections());
        }
        if (f.groundTruth() != null) {
            loadGroundTruth(f.groundTruth());
        }
        if (f.tracks() != null) {
            loadTracks(f.tracks());
        }
        if (s.video() != null) {
            openVideo(s.video()).thenRun(() -> Platform.runLater(() -> {
                if (s.videoId() != null) {
                    selectVideo(s.videoId());
                }
            }));
        } else if (s.videoId() != null) {
            selectVideo(s.videoId());
        }
    }

    public CompletableFuture<Void> openVideo(Path path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return FrameCursor.open(path);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, loader).thenAcceptAsync(src -> {
            videoPath = path;
            frameRate = src.frameRate();
            clock = src.clock();
            // one frame per keyframe: the one within half a frame of it
            settings = settings.withKeyframeTolerance(src.clock().halfFrame());
            timeline.setMax(Math.max(src.duration() - 1 / frameRate, 1 / frameRate));
            stage.setTitle("X3D-AVA viewer: " + path.getFileName());
            selectVideo(model.videoIdFor(src.videoId()));
            player.open(src);
            status.setText(String.format(Locale.ROOT, "%s: %dx%d, %.2f fps, %.1f s", path.getFileName(), src.width(),
                    src.height(), src.frameRate(), src.duration()));
        }, Platform::runLater).whenComplete(failureDialog("Cannot open video " + path));
    }

    public CompletableFuture<Void> loadDetections(Path csv) {
        return load("detections " + csv, () -> {
            var rows = AvaCsv.readDetections(csv);
            return m -> m.withDetections(rows);
        });
    }

    public CompletableFuture<Void> loadGroundTruth(Path csv) {
        return load("ground truth " + csv, () -> {
            var rows = AvaCsv.readGroundTruth(csv);
            return m -> m.withGroundTruth(rows);
        });
    }

    public CompletableFuture<Void> loadLabelMap(Path pbtxt) {
        return load("label map " + pbtxt, () -> {
            LabelMap map = LabelMap.read(pbtxt);
            return m -> m.withLabelMap(map);
        });
    }

    public CompletableFuture<Void> loadTracks(Path json) {
        return load("tracks " + json, () -> {
            TrackFile t = TrackFile.read(json);
            return m -> m.withTracks(t);
        });
    }

    public CompletableFuture<Void> loadExclusions(Path csv) {
        return load("excluded timestamps " + csv, () -> {
            var keyframes = AvaExclusions.read(csv);
            return m -> m.withExclusions(keyframes);
        });
    }

    @FunctionalInterface
    private interface Reader {
        UnaryOperator<OverlayModel> read() throws IOException;
    }

    /** Reads on the loader thread, then swaps the model on the FX thread; on failure the old model stays. */
    private CompletableFuture<Void> load(String what, Reader reader) {
        setStatus("Loading " + what + " ...");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read();
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, loader).thenAcceptAsync(change -> {
            setModel(change.apply(model));
            status.setText("Loaded " + what);
        }, Platform::runLater).whenComplete(failureDialog("Cannot load " + what));
    }

    private <T> java.util.function.BiConsumer<T, Throwable> failureDialog(String header) {
        return (ok, e) -> {
            if (e != null) {
                Platform.runLater(() -> showError(header, e));
            }
        };
    }

    /** Callable from any thread: the public open/load methods may be called off the FX thread (tests, scripts). */
    private void setStatus(String text) {
        if (Platform.isFxApplicationThread()) {
            status.setText(text);
        } else {
            Platform.runLater(() -> status.setText(text));
        }
    }

    private void showError(String header, Throwable e) {
        status.setText(ErrorMessages.of(e));
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle("X3D-AVA viewer");
        a.setHeaderText(header);
        a.setContentText(ErrorMessages.of(e));
        a.show(); // not showAndWait: the window stays usable behind it
    }

    private void setModel(OverlayModel m) {
        model = m;
        query = new OverlayQuery(m);
        videoIds.setItems(FXCollections.observableArrayList(m.videoIds()));
        classes.setClasses(m.labelMap().entries());
        if (videoPath != null && (videoId == null || !m.videoIds().contains(videoId))) {
            selectVideo(m.videoIdFor(videoId == null ? "" : videoId));
        } else {
            refreshVideoPanels();
        }
    }

    private void selectVideo(String id) {
        videoId = id;
        if (id != null && !id.equals(videoIds.getValue())) {
            videoIds.setValue(id);
        }
        refreshVideoPanels();
    }

    private void refreshVideoPanels() {
        tableKeyframe = null;
        apChart.show(null);
        if (videoId != null && model.hasDetections() && model.hasGroundTruth()) {
            OverlayModel m = model;
            String vid = videoId;
            CompletableFuture.supplyAsync(() -> VideoAp.of(m, vid), loader).thenAcceptAsync(r -> {
                if (m == model && vid.equals(videoId)) {
                    apChart.show(r);
                }
            }, Platform::runLater).whenComplete(failureDialog("Cannot compute AP"));
        }
        redraw();
    }

    // ---- drawing ----

    private void drawLatest() {
        drawPending.set(false);
        Shown s = latest.getAndSet(null);
        if (s == null) {
            return;
        }
        image = s.image();
        imageTime = s.time();
        imageIndex = s.index();
        timelineFromPlayer = true;
        timeline.setValue(s.time());
        timelineFromPlayer = false;
        redraw();
        shownVideoTime = s.time();
    }

    private void redraw() {
        double ava = time.avaTime(imageTime);
        FrameOverlay o = videoId == null || image == null ? FrameOverlay.empty(ava) : query.at(videoId, ava, settings);
        viewport = painter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), image, o.boxes());
        Integer kf = videoId == null ? null : query.currentKeyframe(videoId, ava, settings.keyframeTolerance());
        timeLabel.setText(String.format(Locale.ROOT, "%s  |  t %.3f s  |  AVA %.3f  |  keyframe %s",
                videoId == null ? "-" : videoId, imageTime, ava, kf == null ? "-" : kf));
        if (!java.util.Objects.equals(kf, tableKeyframe) || settings.filter() != tableFilter) {
            tableKeyframe = kf;
            tableFilter = settings.filter();
            table.setItems(FXCollections.observableArrayList(
                    kf == null ? List.of() : BoxTableRow.of(model, videoId, kf, settings.filter())));
        }
    }

    private void update(OverlaySettings s) {
        settings = s;
        redraw();
    }

    // ---- controls ----

    public void seekVideoTime(double t) {
        player.seek(Math.max(0, t));
    }

    /** Seeks to an annotation time (e.g. a keyframe, 902). */
    public void seekAvaTime(double ava) {
        seekVideoTime(time.videoTime(ava));
    }

    /** "Keyframe >|" (forward) and "|< Keyframe": to the frame of the next / previous keyframe. */
    public void jumpKeyframe(boolean forward) {
        if (videoId == null || clock == null) {
            return;
        }
        KeyframeNavigator nav = new KeyframeNavigator(query, videoId, time, clock);
        OptionalLong frame = forward ? nav.next(imageIndex) : nav.previous(imageIndex);
        if (frame.isPresent()) {
            player.seekFrame(frame.getAsLong());
        } else {
            status.setText("No " + (forward ? "next" : "previous") + " keyframe for " + videoId);
        }
    }

    private HBox transport() {
        Button prevKf = new Button("|< Keyframe");
        prevKf.setOnAction(e -> jumpKeyframe(false));
        Button back = new Button("< Frame");
        back.setOnAction(e -> player.step(-1));
        playButton.setOnAction(e -> player.togglePlay());
        Button fwd = new Button("Frame >");
        fwd.setOnAction(e -> player.step(1));
        Button nextKf = new Button("Keyframe >|");
        nextKf.setOnAction(e -> jumpKeyframe(true));
        timeline.valueProperty().addListener((o, a, b) -> {
            if (!timelineFromPlayer) {
                seekVideoTime(b.doubleValue());
            }
        });
        HBox.setHgrow(timeline, Priority.ALWAYS);
        timeLabel.setMinWidth(380);
        HBox box = new HBox(6, prevKf, back, playButton, fwd, nextKf, timeline, timeLabel);
        box.setFillHeight(false);
        return box;
    }

    private HBox drawControls() {
        ComboBox<Double> speed = new ComboBox<>();
        for (double s : SPEEDS) {
            speed.getItems().add(s);
        }
        speed.setValue(1.0);
        speed.setOnAction(e -> player.setSpeed(speed.getValue()));

        ComboBox<DrawMode> mode = new ComboBox<>(FXCollections.observableArrayList(DrawMode.values()));
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DrawMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public DrawMode fromString(String text) {
                return DrawMode.parse(text);
            }
        });
        mode.setValue(settings.mode());
        mode.setOnAction(e -> update(settings.withMode(mode.getValue())));

        Slider threshold = new Slider(0, 1, settings.threshold());
        threshold.setPrefWidth(160);
        Label thresholdLabel = new Label(number(settings.threshold()));
        threshold.valueProperty().addListener((o, a, b) -> {
            thresholdLabel.setText(String.format(Locale.ROOT, "%.2f", b.doubleValue()));
            update(settings.withThreshold(b.doubleValue()));
        });

        Spinner<Integer> topK = new Spinner<>(1, 20, settings.topK());
        topK.setPrefWidth(70);
        topK.valueProperty().addListener((o, a, b) -> update(settings.withTopK(b)));

        videoIds.setPromptText("video id");
        videoIds.setOnAction(e -> {
            if (videoIds.getValue() != null && !videoIds.getValue().equals(videoId)) {
                selectVideo(videoIds.getValue());
            }
        });

        offsetField.setPrefWidth(70);
        offsetField.setOnAction(e -> {
            try {
                time = new TimeMapping(Double.parseDouble(offsetField.getText().trim()));
                redraw();
            } catch (NumberFormatException ex) {
                status.setText("offset: expected seconds (e.g. 900 for AVA cuts), got '" + offsetField.getText() + "'");
                offsetField.setText(number(time.offsetSeconds()));
            }
        });
        Button avaCut = new Button("AVA cut (900)");
        avaCut.setOnAction(e -> {
            time = TimeMapping.avaCut();
            offsetField.setText(number(time.offsetSeconds()));
            redraw();
        });

        return new HBox(6, new Label("Speed"), speed, new Separator(Orientation.VERTICAL), new Label("Boxes"), mode,
                new Label("Score >="), threshold, thresholdLabel, new Label("Top-k"), topK,
                new Separator(Orientation.VERTICAL), new Label("Video id"), videoIds, new Label("Offset s"), offsetField,
                avaCut);
    }

    private VBox sidePanel() {
        TableColumn<BoxTableRow, String> box = new TableColumn<>("Box");
        box.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().box()));
        TableColumn<BoxTableRow, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().action()));
        action.setPrefWidth(170);
        TableColumn<BoxTableRow, Double> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().score()));
        score.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.isNaN() ? "GT" : String.format(Locale.ROOT, "%.3f", v));
            }
        });
        TableColumn<BoxTableRow, String> coords = new TableColumn<>("x1, y1, x2, y2");
        coords.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().coordinates()));
        table.getColumns().addAll(List.of(box, action, score, coords));
        table.setPlaceholder(new Label("no boxes at this keyframe"));
        table.setPrefHeight(220);
        VBox side = new VBox(6, classes, apChart, new Label("Boxes at the current keyframe"), table);
        side.setPadding(new Insets(4));
        side.setPrefWidth(420);
        return side;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("Open video...", () -> choose("Open video", null, p -> openVideo(p))),
                item("Open frame folder...", () -> {
                    DirectoryChooser dc = new DirectoryChooser();
                    dc.setTitle("Open AVA frame folder (frames/<vid>/)");
                    File d = dc.showDialog(stage);
                    if (d != null) {
                        openVideo(d.toPath());
                    }
                }),
                item("Open detections CSV...", () -> choose("Open detections", "*.csv", this::loadDetections)),
                item("Open ground-truth CSV...", () -> choose("Open ground truth", "*.csv", this::loadGroundTruth)),
                item("Open label map...", () -> choose("Open label map", "*.pbtxt", this::loadLabelMap)),
                item("Open excluded timestamps...", () -> choose("Open excluded timestamps", "*.csv", this::loadExclusions)),
                item("Open tracks (tracks.json)...", () -> choose("Open tracks", "*.json", this::loadTracks)),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Export frame as PNG...", this::exportPng),
                item("Export annotated video as MP4...", this::exportMp4),
                new javafx.scene.control.SeparatorMenuItem(),
                item("Quit", stage::close));
        return new MenuBar(file);
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void choose(String title, String pattern, java.util.function.Consumer<Path> then) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        if (pattern != null) {
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(pattern, pattern),
                    new FileChooser.ExtensionFilter("all files", "*"));
        }
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            then.accept(f.toPath());
        }
    }

    private void acceptDrops(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            for (File f : files) {
                openDropped(f.toPath());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }

    private void openDropped(Path p) {
        try {
            switch (DroppedFileKind.of(p)) {
                case VIDEO -> openVideo(p);
                case DETECTIONS -> loadDetections(p);
                case GROUND_TRUTH -> loadGroundTruth(p);
                case LABEL_MAP -> loadLabelMap(p);
                case EXCLUSIONS -> loadExclusions(p);
                case TRACKS -> loadTracks(p);
                case UNKNOWN -> showError("Cannot open " + p.getFileName(), new IOException(p
                        + ": not a video, frame folder, AVA CSV (7-8 columns, or 2 for exclusions), .pbtxt label map or tracks .json"));
            }
        } catch (IOException ex) {
            showError("Cannot open " + p, ex);
        }
    }

    private void exportPng() {
        if (videoPath == null) {
            status.setText("Open a video first");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(String.format(Locale.ROOT, "%s_%.3f.png", videoId, time.avaTime(imageTime)));
        File f = fc.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        Path src = videoPath;
        OverlayQuery q = query;
        OverlaySettings s = settings;
        TimeMapping tm = time;
        String vid = videoId;
        double t = imageTime;
        CompletableFuture.runAsync(() -> {
            try (FrameCursor fs = FrameCursor.open(src)) {
                FrameExport.export(fs, q, s, vid, tm, t, new ExportSize(ExportSize.DEFAULT_MIN_SHORT_SIDE), f.toPath());
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, loader).thenRunAsync(() -> status.setText("Wrote " + f), Platform::runLater)
                .whenComplete(failureDialog("Cannot export " + f));
    }

    private void exportMp4() {
        if (videoPath == null) {
            status.setText("Open a video first");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(videoId + "_annotated.mp4");
        File f = fc.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        Path src = videoPath;
        VideoExport export = new VideoExport(query, settings, new ExportSize(ExportSize.DEFAULT_MIN_SHORT_SIDE));
        TimeMapping tm = time;
        String vid = videoId;
        status.setText("Exporting " + f + " ...");
        CompletableFuture.supplyAsync(() -> {
            try (FrameCursor fs = FrameCursor.open(src)) {
                double total = fs.duration();
                return export.export(fs, vid, tm, 0, Double.POSITIVE_INFINITY, f.toPath(), t -> {
                    Platform.runLater(() -> status.setText(String.format(Locale.ROOT, "Exporting %s: %.0f%%", f.getName(),
                            100 * t / Math.max(total, 1e-9))));
                    return true;
                });
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, loader).thenAcceptAsync(n -> status.setText("Wrote " + f + " (" + n + " frames)"), Platform::runLater)
                .whenComplete(failureDialog("Cannot export " + f));
    }

    /** RGB bytes straight into a JavaFX image (no per-pixel Java loop). */
    private static Image fxImage(VideoFrame f) {
        WritableImage img = new WritableImage(f.width(), f.height());
        img.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                f.width() * 3);
        return img;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- for tests and shutdown ----

    public Canvas canvas() {
        return canvas;
    }

    /** Where the frame was drawn on the canvas at the last redraw (FX thread). */
    public CanvasPainter.Viewport viewport() {
        return viewport;
    }

    /** Video time of the frame last drawn (any thread); NaN before the first. */
    public double shownVideoTime() {
        return shownVideoTime;
    }

    public void close() {
        player.close();
        loader.shutdownNow();
    }
}
