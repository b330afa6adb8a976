package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MMAction2 proposal pickles against the reference implementation: files written by Python's pickle and numpy
 * (test resources, made by mmaction_reference_pickles.py beside them) are read by the project's reader, and a file
 * written by the project is read by Python's pickle and numpy (when Debian's python3 with numpy is installed).
 */
class MmactionProposalsReferenceTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void readsPicklesWrittenByPythonAndNumpy(int protocol, @TempDir Path dir) throws Exception {
        Path pkl = dir.resolve("ava_dense_proposals_val.FAIR.recall_93.9.pkl");
        try (var in = getClass().getResourceAsStream("mmaction_reference_p" + protocol + ".pkl")) {
            Files.copy(in, pkl);
        }
        ProposalSet all = MmactionProposals.read(pkl, 0.0);
        Keyframe k902 = new Keyframe("-5KQ66BBWC4", 902);
        Keyframe k903 = new Keyframe("-5KQ66BBWC4", 903);
        Keyframe commas = new Keyframe("vid,with,commas", 1798);
        assertEquals(Set.of(k902, k903, commas), Set.copyOf(all.keyframes()));
        assertEquals(4, all.size());
        List<PersonBox> b = all.atKeyframe(k902);
        assertEquals(new AvaBox(0.125, 0.25, 0.5, 1.0), b.get(0).box());
        assertEquals((float) 0.9975, (float) b.get(0).score());
        assertEquals(new AvaBox(0.5, 0.0625, 0.875, 0.75), b.get(1).box());
        assertEquals(0.375, b.get(1).score());
        // float64 array: values exact
        PersonBox c = all.atKeyframe(commas).get(0);
        assertEquals(new AvaBox(0.1, 0.2, 0.3, 0.4), c.box());
        assertEquals(0.55, c.score());
        // the score threshold keeps 0.9975, 0.8 and 0.55 (>= 0.5), drops 0.375
        assertEquals(3, MmactionProposals.read(pkl, 0.5).size());
    }

    @Test
    void pythonReadsWhatTheProjectWrites(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean numpy = Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import numpy"), dir) != null;
        if (!numpy) {
            System.err.println("SKIPPED: Debian's python3 with numpy (python3-numpy) is not installed");
        }
        assumeTrue(numpy, "python3-numpy absent");
        List<PersonBox> boxes = new ArrayList<>();
        boxes.add(new PersonBox(new Keyframe("-5KQ66BBWC4", 902), new AvaBox(0.125, 0.25, 0.5, 1.0), 0.75));
        boxes.add(new PersonBox(new Keyframe("-5KQ66BBWC4", 902), new AvaBox(0.5, 0.0625, 0.875, 0.75), 0.25));
        for (int i = 0; i < 300; i++) { // past one-byte lengths
            boxes.add(new PersonBox(new Keyframe("vid,with,commas", 1798), new AvaBox(0, 0, i / 512.0, 0.5),
                    i / 1024.0));
        }
        Path pkl = dir.resolve("written.pkl");
        MmactionProposalsWriter.write(pkl, ProposalSet.of(boxes));
        String out = run(List.of(python.toString(), "-c", String.join("\n",
                "import pickle, sys",
                "d = pickle.load(open(sys.argv[1], 'rb'))",
                "for k in sorted(d):",
                "    a = d[k]",
                "    print(k, a.dtype, a.shape, repr(a[0].tolist()), repr(a[-1].tolist()), repr(float(a.sum())))"),
                pkl.toString()), dir);
        assertEquals(String.join("\n",
                "-5KQ66BBWC4,0902 float32 (2, 5) [0.125, 0.25, 0.5, 1.0, 0.75] [0.5, 0.0625, 0.875, 0.75, 0.25] "
                        + "5.0625",
                // sum: 300 * 0.5 + sum(i / 512) + sum(i / 1024) = 150 + 87.59765625 + 43.798828125
                "vid,with,commas,1798 float32 (300, 5) [0.0, 0.0, 0.0, 0.5, 0.0] [0.0, 0.0, 0.583984375, 0.5, "
                        + "0.2919921875] 281.396484375"), out.strip());
    }

    /** The process's standard output, or null when it failed. */
    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "exit " + p.exitValue() + ": "
                + new String(out, StandardCharsets.UTF_8);
    }
}
