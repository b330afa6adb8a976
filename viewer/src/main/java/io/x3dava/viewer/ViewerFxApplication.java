package io.x3dava.viewer;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application; started by {@link ViewerApp}, which hands over the command line through {@link #startWith}. */
public final class ViewerFxApplication extends Application {
    // Application.launch instantiates this class itself, so the options travel through a static
    private static volatile ViewerStart start = ViewerStart.empty();

    static void startWith(ViewerStart s) {
        start = s;
    }

    @Override
    public void start(Stage stage) {
        ViewerWindow w = new ViewerWindow(stage, start.settings(), start.time());
        stage.show();
        w.openAtStart(start);
    }
}
