package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.command.CommandLines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** pretrain, finetune-charades and test --help name every data layout they read, without picocli format warnings. */
class DataLayoutsHelpTest {

    @Test
    void helpListsEveryLayout() {
        for (Object command : List.of(new PretrainCommand(), new FinetuneCharadesCommand(), new TestCommand())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = CommandLines.execute(command, "--help");
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            // wrapping may break a line anywhere: compare without white space
            String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "");
            assertEquals(0, code);
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            for (String layout : List.of("label,youtube_id", "'path label'", "<vid>/<vid>_%06d.jpg",
                    "<vid>/img_%05d.jpg", "'frame_dir total_frames label'", "Charades_v1_train.csv",
                    "videos/<id>/<id>-%06d.jpg", "frame_lists/train.csv + val.csv", "frames/<id>/<id>-%06d.jpg",
                    "--pad-missing-frames")) {
                assertTrue(help.contains(layout.replace(" ", "")), command.getClass().getSimpleName() + " --help lacks " + layout
                        + ": " + help);
            }
        }
    }
}
