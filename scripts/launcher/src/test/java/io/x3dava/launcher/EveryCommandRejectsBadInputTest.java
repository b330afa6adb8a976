package io.x3dava.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every subcommand of the root (so commands added later are covered too) is run with bad arguments: an unknown
 * option; for every input path a nonexistent path, an empty file, a binary file and a directory; for every output a
 * path below a regular file (and a directory where an output file is expected); a negative or zero number where a
 * size or count is expected. Each must end with exit code 2 and a message, never a stack trace, and quickly: bad
 * input is found before any long work starts.
 */
class EveryCommandRejectsBadInputTest {

    /** Commands not run here, with the reason. */
    private static final Map<String, String> SKIPPED = Map.of(
            "view", "opens a JavaFX window (needs a display); its inputs are the export command's, tested there");

    /** Output options: a nonexistent path is valid for them (they are created). Everything else is an input. */
    private static final Set<String> OUTPUT_FILES = Set.of("--json", "--mp4", "--png", "detect-ava --detections",
            "detect-proposals --out", "bench-decode --keep-video", "import-cvat --gt", "import-cvat --labelmap-out",
            "export-cvat --out", "export-onnx --out");
    private static final Set<String> OUTPUT_DIRS = Set.of("--out", "demo --data", "bench-eval-ava --keep");

    /** Numbers for which any value is meaningful (seeds, times, offsets, thresholds, "<= 0 keeps native"). */
    private static final Set<String> ANY_NUMBER = Set.of("--seed", "--offset", "--at", "--from", "--to",
            "--person-class", "--threshold", "bench-decode --short-side");
    /** Counts for which 0 is meaningful (no warm-up, evaluation only at the end). */
    private static final Set<String> ZERO_OK = Set.of("--warmup", "--eval-period", "--leak-iterations",
            "--warmup-seconds");

    private static final int TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    record Outcome(int code, String text) {
    }

    @Test
    void everyCommandEndsWithExitTwoAndOneLineOnBadInput() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.json"));
        Path binary = dir.resolve("binary.bin");
        byte[] junk = new byte[4096];
        new java.util.Random(3).nextBytes(junk);
        junk[0] = (byte) 0x89; // not UTF-8, not JSON, not a zip, not a pickle
        Files.write(binary, junk);
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        Path missing = dir.resolve("does-not-exist");
        Path belowFile = empty.resolve("below-a-file");

        Path cwd = Path.of("").toAbsolutePath();
        Set<String> cwdBefore = listing(cwd);
        CommandLine root = X3dAva.commandLine();
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            String name = e.getKey();
            if (SKIPPED.containsKey(name)) {
                System.out.println("skipped " + name + ": " + SKIPPED.get(name));
                continue;
            }
            CommandSpec spec = e.getValue().getCommandSpec();
            List<List<String>> cases = new ArrayList<>();
            cases.add(line(spec, null, null));
            for (ArgSpec arg : spec.args()) {
                if (isHelp(arg)) {
                    continue;
                }
                Class<?> type = arg.type();
                if (type == Path.class) {
                    if (isOutput(name, arg)) {
                        cases.add(line(spec, arg, belowFile.toString()));
                        cases.add(line(spec, arg, isOutputFile(name, arg) ? folder.toString() : empty.toString()));
                    } else {
                        for (Path bad : List.of(missing, empty, binary, folder)) {
                            cases.add(line(spec, arg, bad.toString()));
                        }
                    }
                } else if (isNumber(type) && arg instanceof OptionSpec o && !ANY_NUMBER.contains(o.longestName())
                        && !ANY_NUMBER.contains(key(name, arg))) {
                    cases.add(line(spec, arg, "-1"));
                    if (!ZERO_OK.contains(o.longestName())) {
                        cases.add(line(spec, arg, "0"));
                    }
                }
            }
            for (List<String> args : cases) {
                List<String> full = new ArrayList<>();
                full.add(name);
                full.addAll(args);
                Outcome out = run(full);
                runs++;
                System.out.println(String.join(" ", full).replace(dir.toString(), "$TMP") + "  ->  " + out.code()
                        + "  " + out.text().strip().lines().findFirst().orElse("").replace(dir.toString(), "$TMP"));
                String why = check(out);
                if (why != null) {
                    problems.add(String.join(" ", full).replace(dir.toString(), "$TMP") + "\n    -> exit " + out.code()
                            + ", " + why + ":\n    " + out.text().strip().replace(dir.toString(), "$TMP")
                            .replace("\n", "\n    "));
                }
            }
        }
        System.out.println(runs + " bad command lines run, " + problems.size() + " handled badly");
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + runs + " bad command lines were not rejected cleanly:\n"
                    + String.join("\n", problems));
        }
        assertTrue(runs > 50, "the commands were found");
        // Relative defaults (demo's demo-data/, runs/demo) must not be created by a command that then fails.
        Set<String> created = new java.util.TreeSet<>(listing(cwd));
        created.removeAll(cwdBefore);
        assertTrue(created.isEmpty(), "bad command lines created " + created + " in " + cwd);
        assertFalse(Files.exists(dir.resolve("does-not-exist")), "no output was created in place of a bad input");
    }

    private static Set<String> listing(Path d) throws java.io.IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Null when the outcome is a clean rejection, else what is wrong with it. */
    private static String check(Outcome out) {
        if (out.text().contains("\tat ") || out.text().contains("Exception in thread")
                || out.text().contains("Caused by")) {
            return "stack trace";
        }
        if (out.code() != 2) {
            return "exit code " + out.code() + " instead of 2";
        }
        if (out.text().isBlank()) {
            return "no message";
        }
        return null;
    }

    /**
     * The command line of one case: {@code arg} set to {@code value} (none for the unknown-option case), the other
     * required arguments filled in (inputs with a nonexistent path, outputs with a fresh folder, numbers with 1).
     */
    private List<String> line(CommandSpec spec, ArgSpec arg, String value) throws Exception {
        List<String> args = new ArrayList<>();
        if (arg == null) {
            args.add("--no-such-option");
        }
        java.util.Set<Object> groupsFilled = new java.util.HashSet<>();
        if (arg instanceof OptionSpec chosen && chosen.group() != null) {
            groupsFilled.add(chosen.group());
        }
        for (OptionSpec o : spec.options()) {
            if (o == arg) {
                args.add(o.longestName());
                args.add(value);
            } else if (o.required() && (o.group() == null || groupsFilled.add(o.group()))) {
                // one member of a required exclusive group (test's --checkpoint | --weights)
                args.add(o.longestName());
                args.add(filler(spec.name(), o));
            }
        }
        // A command reading a --data folder gets minimal valid lists, so that its other checks are reached.
        if (spec.optionsMap().containsKey("--data") && spec.optionsMap().containsKey("--config") && arg != null
                && arg != spec.findOption("--data") && arg != spec.findOption("--config")
                && !OUTPUT_DIRS.contains(spec.name() + " --data")) {
            args.add("--data");
            args.add(kineticsLists().toString());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p == arg) {
                args.add(value);
            } else if (p.arity().min() > 0) {
                args.add(filler(spec.name(), p));
            }
        }
        return args;
    }

    /** classes.txt, train.csv and validate.csv of two classes (the videos are not there: nothing is decoded). */
    private Path kineticsLists() throws Exception {
        Path d = dir.resolve("kinetics-lists");
        if (!Files.isDirectory(d)) {
            Files.createDirectories(d);
            Files.writeString(d.resolve("classes.txt"), "walk\nrun\n");
            Files.writeString(d.resolve("train.csv"), "label,youtube_id,time_start,time_end,split\n"
                    + "walk,aaaaaaaaaaa,0,2,train\nrun,bbbbbbbbbbb,0,2,train\n");
            Files.writeString(d.resolve("validate.csv"), "label,youtube_id,time_start,time_end,split\n"
                    + "walk,ccccccccccc,0,2,validate\n");
        }
        return d;
    }

    private String filler(String command, ArgSpec a) throws Exception {
        if (a.type() == Path.class) {
            return isOutput(command, a) ? Files.createTempDirectory(dir, "out").resolve("new").toString()
                    : dir.resolve("does-not-exist").toString();
        }
        return "1";
    }

    private static boolean isOutputFile(String command, ArgSpec a) {
        return OUTPUT_FILES.contains(key(command, a))
                || a instanceof OptionSpec o && OUTPUT_FILES.contains(o.longestName());
    }

    private static boolean isOutput(String command, ArgSpec a) {
        String k = key(command, a);
        String n = a instanceof OptionSpec o ? o.longestName() : "";
        return OUTPUT_FILES.contains(k) || OUTPUT_DIRS.contains(k) || OUTPUT_FILES.contains(n)
                || OUTPUT_DIRS.contains(n);
    }

    private static String key(String command, ArgSpec a) {
        return command + " " + (a instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) a).paramLabel());
    }

    private static boolean isHelp(ArgSpec a) {
        return a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp());
    }

    private static boolean isNumber(Class<?> t) {
        return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == double.class
                || t == Double.class;
    }

    /** Runs one command line as the launcher does, capturing everything it prints; a timeout is an outcome too. */
    private static Outcome run(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw, true);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS), () -> {
                CommandLine cl = X3dAva.commandLine();
                cl.setOut(pw);
                cl.setErr(pw);
                return cl.execute(args.toArray(String[]::new));
            });
            return new Outcome(code, sw + bytes.toString(StandardCharsets.UTF_8));
        } catch (org.opentest4j.AssertionFailedError timeout) {
            return new Outcome(-1, "still running after " + TIMEOUT_SECONDS + " s (bad input must fail before long "
                    + "work)\n" + sw + bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
