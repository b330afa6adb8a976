package io.x3dava.eval.charades;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Both AP definitions rank clips by decreasing score whatever order they come in (ties stay in input order). */
class CharadesApOrderTest {

    @Test
    void scoresInAnyOrderAreRankedByDecreasingScore() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, true, false, true};
        // sklearn.metrics.average_precision_score([0, 1, 0, 1], [0.1, 0.4, 0.35, 0.8]) = 1.0; in input order 0.5
        assertEquals(1.0, CharadesMap.sklearnAp(s, y), 1e-12);
        assertEquals(1.0, CharadesMap.thumosAp(s, y), 1e-12);
    }

    @Test
    void tiesKeepTheInputOrderInTheOfficialDefinition() {
        double[] s = {0.5, 0.9, 0.5};
        boolean[] y = {true, false, false};
        // sklearn treats the tie as one threshold: recall 1 at precision 1/3
        assertEquals(1.0 / 3, CharadesMap.sklearnAp(s, y), 1e-12);
        // Charades_v1_classify.m: sort(-conf) is stable, the positive comes second: precision 1/2
        assertEquals(0.5, CharadesMap.thumosAp(s, y), 1e-12);
    }
}
