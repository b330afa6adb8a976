package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.cluster.ClusterSettings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A job that runs longer than the report period says on stderr how many of its tasks are done. */
class SparkJobProgressTest {

    @Test
    void aLongJobReportsItsTasks() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Integer> results;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // 3 tasks of 6 s on 2 slots: at least 12 s, so the 10 s report comes while tasks remain
            results = new SparkTasks().map(new ClusterSettings("local[2]", "progress test", 30), List.of(1, 2, 3),
                    (t, cpus) -> {
                        Thread.sleep(6000);
                        return t * 10;
                    });
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        System.err.print(text);
        assertEquals(List.of(10, 20, 30), results);
        assertTrue(text.lines().anyMatch(l -> l.matches("spark: [0-2]/3 tasks done, [12] running after 0:[0-9]{2}")),
                text);
    }
}
