package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.command.CommandLines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code view} on a machine without a display: one line naming the headless export-annotated command, exit 2. */
class ViewerWithoutDisplayTest {

    @Test
    void saysThereIsNoDisplayAndGivesTheHeadlessCommand() {
        ViewerApp app = new ViewerApp();
        app.env = Map.of("HOME", "/root");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        app.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = CommandLines.execute(app, "cut.mp4", "-d", "dets.csv", "--ava-offset");
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.startsWith("view: no display to open a window on (DISPLAY is not set)"), text);
        assertTrue(text.contains("scripts/x3d-ava export-annotated -v cut.mp4 -d dets.csv --ava-offset --mp4"
                + " annotated.mp4"), text);
    }

    @Test
    void theHeadlessCommandCarriesOnlyTheViewArgumentsUnderTheRootCommand() {
        ViewerApp app = new ViewerApp();
        app.env = Map.of("HOME", "/root");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        app.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine root = new CommandLine(CommandSpec.create().name("x3d-ava")).addSubcommand("view", app);
        int code = root.execute("view", "cut.mp4", "-d", "dets.csv");
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("scripts/x3d-ava export-annotated -v cut.mp4 -d dets.csv --mp4 annotated.mp4"),
                text);
    }
}
