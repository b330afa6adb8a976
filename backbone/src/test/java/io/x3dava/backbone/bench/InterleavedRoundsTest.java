package io.x3dava.backbone.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Sides alternate pass by pass (AB BA ...), and a timed round is sized from the warm-up. */
class InterleavedRoundsTest {

    private static InterleavedRounds.Side side(String name, List<String> log, long sleepMillis) {
        return new InterleavedRounds.Side(name, () -> {
            log.add(name);
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void alternatesWhichSideGoesFirstEveryPair() {
        List<String> log = new ArrayList<>();
        InterleavedRounds.Result r = InterleavedRounds.run(List.of(side("a", log, 0), side("b", log, 0)), 0, 2, 3, 1);
        assertEquals(List.of("a", "b", "b", "a", "a", "b", "b", "a", "a", "b", "b", "a"), log);
        assertEquals(2, r.readings().get(0).size());
        assertEquals(3, r.iterations());
    }

    @Test
    void roundLengthSetsThePairsPerRound() {
        List<String> log = new ArrayList<>();
        // a pair takes ~20 ms: a 0.2 s round holds ~10 pairs
        InterleavedRounds.Result r = InterleavedRounds.runFor(List.of(side("a", log, 10), side("b", log, 10)), 1, 0.1,
                2, 0.2, 1);
        assertTrue(r.iterations() >= 5 && r.iterations() <= 12, "pairs per round " + r.iterations());
        double[] ratios = r.ratios(0, 1);
        assertTrue(ratios[0] > 0.7 && ratios[0] < 1.4, "equal sides: ratio " + ratios[0]);
    }
}
