package io.x3dava.viewer;


import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    /** The environment the display is looked up in (a test gives one without a display). */
    Map<String, String> env = System.getenv();

    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        if (isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            return noDisplay("DISPLAY is not set");
        }
        OverlaySettings settings;
        try {
            settings = overlay.settings();
        } catch (IllegalArgumentException e) {
            System.err.println("view: " + e.getMessage());
            return 2;
        }
        ViewerFxApplication.startWith(new ViewerStart(video, overlay.inputs(), overlay.timeMapping(), overlay.videoId(), settings));
        try {
            Application.launch(ViewerFxApplication.class);
        } catch (UnsupportedOperationException e) {
            // GTK could not open the display named in DISPLAY (e.g. a closed ssh -X session)
            return noDisplay(e.getMessage());
        }
        return 0;
    }

    /** One line: there is no display, and the headless command that draws the same overlay into a file. */
    private int noDisplay(String why) {
        // originalArgs is the whole command line: under the x3d-ava root it starts with "view"
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = spec.parent() == null ? -1 : all.indexOf(spec.name());
        List<String> args = new ArrayList<>(all.subList(at + 1, all.size()));
        if (video != null) {
            args.remove(video.toString());
        }
        stderr.println("view: no display to open a window on (" + why + "); without one, the same overlay goes to a"
                + " file: scripts/x3d-ava export-annotated -v " + (video == null ? "VIDEO" : video)
                + (args.isEmpty() ? "" : " " + String.join(" ", args)) + " --mp4 annotated.mp4 (or --png f.png --at"
                + " SECONDS)");
        return 2;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

}
