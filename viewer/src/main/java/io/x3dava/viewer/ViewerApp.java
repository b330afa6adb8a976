package io.x3dava.viewer;


import java.nio.file.Path;
import java.util.concurrent.Callable;

import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code x3d-ava view}: starts the viewer. Deliberately not an {@link Application} subclass: the JDK launcher refuses
 * such a main class when JavaFX comes from the class path ("JavaFX runtime components are missing"), so this class
 * parses the options and then calls {@link Application#launch}.
 */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "JavaFX viewer: predicted and ground-truth AVA actions over a video or frame folder. "
                + "Files can also be opened from the File menu or dropped onto the window.")
public final class ViewerApp implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "VIDEO", description = "video file or AVA frame folder (frames/<vid>/)")
    Path video;

    @Mixin
    OverlayOptions overlay = new OverlayOptions();

    @Override
    public Integer call() {
        OverlaySettings settings;
        try {
            settings = overlay.settings();
        } catch (IllegalArgumentException e) {
            System.err.println("view: " + e.getMessage());
            return 2;
        }
        ViewerFxApplication.startWith(new ViewerStart(video, overlay.inputs(), overlay.timeMapping(), overlay.videoId(), settings));
        Application.launch(ViewerFxApplication.class);
        return 0;
    }

}
