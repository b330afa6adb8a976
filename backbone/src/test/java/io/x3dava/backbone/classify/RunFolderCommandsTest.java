package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.train.RunFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The run-folder rules through the pretrain command, all decided before any training: a bad --pretrained leaves no
 * recipe.json (nor the folder it would have created), a changed recipe is refused with its diff, a folder in use by
 * another run is refused with the holder's PID.
 */
class RunFolderCommandsTest {

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void kineticsLists() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("classes.txt"), "walk\nrun\n");
        Files.writeString(data.resolve("train.csv"), "label,youtube_id,time_start,time_end,split\n"
                + "walk,aaaaaaaaaaa,0,2,train\nrun,bbbbbbbbbbb,0,2,train\n");
        Files.writeString(data.resolve("validate.csv"), "label,youtube_id,time_start,time_end,split\n"
                + "walk,ccccccccccc,0,2,validate\n");
    }

    /** Exit code and everything printed (the handler's line goes to the command line's err). */
    private String[] pretrain(String... args) {
        StringWriter err = new StringWriter();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = CommandLines.of(new PretrainCommand());
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new String[] {Integer.toString(code), err.toString(), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void aBadPretrainedFileLeavesNothingBehind() throws Exception {
        Path garbage = Files.writeString(dir.resolve("weights.pyth"), "not a checkpoint");
        Path out = dir.resolve("run");
        String[] r = pretrain("--data", data.toString(), "--pretrained", garbage.toString(), "--out", out.toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("pretrain: " + garbage + ": unknown format"), r[1]);
        assertFalse(Files.exists(out), "no run folder, no recipe.json for a run that never started");
    }

    @Test
    void aChangedRecipeIsRefusedBeforeTheWeightsAreRead() throws Exception {
        Path out = dir.resolve("run");
        Path garbage = Files.writeString(dir.resolve("weights.pyth"), "not a checkpoint");
        // the recipe of an earlier run in this folder: batch 2, lr 0.1
        Files.createDirectories(out);
        PretrainCommand cmd = new PretrainCommand();
        CommandLine.populateCommand(cmd, "--data", data.toString(), "--batch", "2", "--lr", "0.1", "--out",
                out.toString());
        Files.writeString(out.resolve("recipe.json"), cmd.recipe.kinetics().toJson());
        String[] r = pretrain("--data", data.toString(), "--batch", "1", "--lr", "0.2", "--pretrained",
                garbage.toString(), "--out", out.toString());
        assertEquals("2", r[0], r[1]);
        // the warm-up start follows the learning rate, so it is listed too
        assertTrue(r[1].startsWith("pretrain: " + out.resolve("recipe.json") + ": batch 2 -> 1, lr 0.1 -> 0.2"), r[1]);
        assertTrue(r[1].strip().endsWith("; use --allow-recipe-change to continue"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        // allowed: the next check (the weights) is reached, and the recipe is still the old one
        r = pretrain("--data", data.toString(), "--batch", "1", "--lr", "0.2", "--pretrained", garbage.toString(),
                "--out", out.toString(), "--allow-recipe-change");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("unknown format"), r[1]);
        assertTrue(Files.readString(out.resolve("recipe.json")).contains("\"batchSize\" : 2"));
        assertFalse(Files.exists(out.resolve("recipe.1.json")));
    }

    @Test
    void aFolderInUseIsRefusedWithTheHolder() throws Exception {
        Path out = dir.resolve("run");
        try (RunFolder held = RunFolder.lock(out)) {
            String[] r = pretrain("--data", data.toString(), "--out", out.toString());
            assertEquals("2", r[0], r[1]);
            assertTrue(r[1].contains("another run is using this folder (PID " + ProcessHandle.current().pid()),
                    r[1]);
        }
    }
}
