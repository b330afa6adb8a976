package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

/**
 * The port against orders numpy 1.24.2 itself returned (src/test/resources/numpy/make_argsort_cases.py): tie-heavy
 * arrays around the insertion-sort threshold (16 elements) and median-of-3 killers that reach the heapsort fallback.
 */
class NumpyArgsortTest {

    @Test
    void equalsNumpy1242OnTies() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/numpy/argsort_1_24_2.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertEquals("1.24.2", root.get("numpy").asText());
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            double[] v = new double[c.get("values").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = c.get("values").get(i).asDouble();
            }
            int[] expected = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                expected[i] = c.get("argsort").get(i).asInt();
            }
            assertArrayEquals(expected, NumpyArgsort.argsort(v), "case " + n + " (" + v.length + " values)");
            n++;
        }
        assertEquals(30, n);
    }
}
