package io.x3dava.annotations.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** --help texts wrap at spaces, never inside rtsp://, FILE.torchscript or {vid}/img_%05d.jpg. */
class WordWrappedHelpTest {

    /** As picocli prints it; the annotation escapes the '%' of the format. */
    static final String TEXT = "video file, folder of video files, stream URL (rtsp://, http://) or camera"
            + " (/dev/video0), yolo:FILE or FILE.torchscript (Ultralytics export), frame names e.g."
            + " {vid}/img_%05d.jpg, proposals as MMAction2.pkl or SlowFast CSV, and more words to wrap again";

    static final String DESCRIPTION = "video file, folder of video files, stream URL (rtsp://, http://) or camera"
            + " (/dev/video0), yolo:FILE or FILE.torchscript (Ultralytics export), frame names e.g."
            + " {vid}/img_%%05d.jpg, proposals as MMAction2.pkl or SlowFast CSV, and more words to wrap again";

    @Command(name = "demo-help")
    static final class Demo implements Runnable {
        @Option(names = "--input", description = DESCRIPTION)
        String input;

        @Override
        public void run() {
        }
    }

    @Command(name = "demo-root", subcommands = Sub.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "sub", description = DESCRIPTION)
    static final class Sub implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void theRootsCommandListBreaksAtSpacesOnly() {
        for (int width = 60; width <= 100; width++) {
            CommandLine cl = CommandLines.of(new Root());
            cl.setUsageHelpWidth(width);
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String list = usage.substring(usage.indexOf("  sub ") + "  sub ".length());
            List<String> lines = Arrays.stream(list.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.toList());
            assertEquals(TEXT, String.join(" ", lines), "width " + width + ":\n" + usage);
            for (String l : lines) {
                assertFalse(l.endsWith("rtsp:") || l.endsWith("FILE.") || l.endsWith("{vid}"), usage);
            }
        }
    }

    private static List<String> descriptionLines(String usage) {
        return Arrays.stream(usage.split("\\R")).filter(l -> l.startsWith("   ") && !l.isBlank())
                .map(String::strip).collect(Collectors.toList());
    }

    @Test
    void descriptionsBreakAtSpacesOnly() {
        for (int width = 60; width <= 100; width++) { // every line end position the words can fall on
            CommandLine cl = CommandLines.of(new Demo());
            cl.setUsageHelpWidth(width);
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> lines = descriptionLines(usage.substring(usage.indexOf("--input"),
                    usage.indexOf("-V, --version")));
            String first = lines.get(0).substring(lines.get(0).indexOf("--input=<input>") + "--input=<input>".length())
                    .strip();
            lines.set(0, first);
            String joined = lines.stream().filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
            assertEquals(TEXT, joined, "width " + width + ":\n" + usage);
            for (String l : lines) {
                assertFalse(l.endsWith("rtsp:") || l.endsWith("FILE.") || l.endsWith("{vid}"), usage);
                assertTrue(l.length() <= width, usage);
            }
        }
    }
}
