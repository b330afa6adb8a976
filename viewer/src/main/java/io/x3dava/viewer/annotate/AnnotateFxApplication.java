package io.x3dava.viewer.annotate;

import io.x3dava.viewer.ErrorMessages;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The JavaFX application of {@code annotate}: one window per video, in order (closing one opens the next of a folder).
 * Started by {@link AnnotateCommand}, which hands over what to open through {@link #startWith}.
 */
public final class AnnotateFxApplication extends Application {
    // Application.launch instantiates this class itself, so the start travels through a static
    private static volatile AnnotateStart start;

    static void startWith(AnnotateStart s) {
        start = s;
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false);
        open(stage, 0);
    }

    private static void open(Stage stage, int index) {
        if (index >= start.videos().size()) {
            Platform.exit();
            return;
        }
        Path video = start.videos().get(index);
        try {
            AnnotateStart.AnnotateWindowParts p = start.factory().open(video);
            AnnotateWindow w = new AnnotateWindow(stage, p.session(), p.suggestions(), p.cursor());
            stage.setOnHidden(e -> {
                w.close();
                open(new Stage(), index + 1);
            });
            stage.show();
            w.start();
        } catch (Exception e) {
            Alert a = new Alert(Alert.AlertType.ERROR, video + ": " + ErrorMessages.of(e));
            a.setHeaderText("Cannot annotate " + video.getFileName());
            a.showAndWait();
            open(stage, index + 1);
        }
    }
}
