package io.x3dava.eval.charades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharadesMapTest {
    @Test
    void bothDefinitionsOnHandComputedCases() {
        // class 0: y=[1,0,1,1], s=[.9,.8,.7,.6] -> both give (1 + 2/3 + 3/4)/3
        // class 1: tie: y=[1,0,1], s=[.9,.9,.1]: sklearn 0.5*0.5 + 0.5*2/3; official stable (1 + 2/3)/2
        // class 2: no positive -> NaN, dropped
        float[][] s = {{.9f, .9f, .5f}, {.8f, .9f, .5f}, {.7f, .1f, .5f}, {.6f, .0f, .5f}};
        boolean[][] y = {{true, true, false}, {false, false, false}, {true, true, false}, {true, false, false}};
        CharadesMap.Result sk = CharadesMap.compute(s, y, CharadesMapDefinition.SLOWFAST);
        CharadesMap.Result off = CharadesMap.compute(s, y, CharadesMapDefinition.OFFICIAL);
        double c0 = (1 + 2.0 / 3 + 3.0 / 4) / 3;
        assertEquals(c0, sk.perClassAp()[0], 1e-12);
        assertEquals(c0, off.perClassAp()[0], 1e-12);
        // class 1 with the fourth video (score 0, negative) at the end
        assertEquals(0.5 * 0.5 + 0.5 * 2.0 / 3, sk.perClassAp()[1], 1e-12);
        assertEquals((1 + 2.0 / 3) / 2, off.perClassAp()[1], 1e-12);
        assertTrue(Double.isNaN(sk.perClassAp()[2]));
        assertEquals((c0 + 0.5 * 0.5 + 0.5 * 2.0 / 3) / 2, sk.meanAp(), 1e-12);
        assertEquals((c0 + (1 + 2.0 / 3) / 2) / 2, off.meanAp(), 1e-12);
    }
}
