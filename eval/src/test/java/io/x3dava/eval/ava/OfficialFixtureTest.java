package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-check with the numbers the official ActivityNet evaluator printed (../shared/fixtures/ava_eval). */
class OfficialFixtureTest {

    static Path fixture(String name) {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path dir = Path.of(root, "ava_eval", name);
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "SKIPPED: reference fixture " + dir + " is absent (../shared/fixtures/ava_eval)");
        return dir;
    }

    /** The official evaluator's result on a fixture case (mmaction2_case keeps MMAction2's file names, no exclusions). */
    static AvaEvaluationResult evaluate(String name, AvaProtocol protocol) throws Exception {
        Path dir = fixture(name);
        if (name.equals("mmaction2_case")) {
            return AvaEvaluator.evaluate(dir.resolve("action_list.txt"), dir.resolve("gt.csv"), dir.resolve("pred.csv"),
                    null, protocol);
        }
        return AvaEvaluator.evaluate(dir.resolve("labelmap.pbtxt"), dir.resolve("groundtruth.csv"),
                dir.resolve("detections.csv"), dir.resolve("excluded_timestamps.csv"), protocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"case1", "case2", "case3_ties", "mmaction2_case"})
    void matchesOfficialEvaluator(String name) throws Exception {
        Path dir = fixture(name);
        AvaEvaluationResult r = evaluate(name, AvaProtocol.OFFICIAL);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        Map<String, ClassResult> byName = new HashMap<>();
        r.classes().forEach(c -> byName.put(c.name(), c));
        int checked = 0;
        var it = expected.get("per_class_AP").fields();
        while (it.hasNext()) {
            var e = it.next();
            ClassResult c = byName.get(e.getKey());
            assertTrue(c != null, "class " + e.getKey() + " missing from the result");
            if (e.getValue().isNull()) {
                assertTrue(Double.isNaN(c.ap()), e.getKey() + ": expected NaN (no ground truth), got " + c.ap());
            } else {
                // bit-identical: numpy's summation order is replicated
                assertEquals(e.getValue().asDouble(), c.ap(), 0.0, "AP of " + e.getKey());
            }
            checked++;
        }
        assertEquals(expected.get("per_class_AP").size(), checked);
        assertEquals(expected.get("mAP").asDouble(), r.meanAp(), 0.0, "mAP");
    }
}
