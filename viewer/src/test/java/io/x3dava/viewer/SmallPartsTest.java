package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmallPartsTest {
    @Test
    void paletteIsStableAndDistinguishesNeighbours() {
        assertEquals(0x1f77b4, Palette.rgb(1));
        assertEquals(Palette.rgb(3), Palette.rgb(3 + Palette.size()));
        for (int id = 1; id < 80; id++) {
            assertNotEquals(Palette.rgb(id), Palette.rgb(id + 1));
        }
    }

    @Test
    void classSearchMatchesNameOrId() {
        List<LabelMapEntry> e = List.of(new LabelMapEntry(1, "bend/bow (at the waist)", null),
                new LabelMapEntry(12, "stand", null), new LabelMapEntry(80, "watch (a person)", null));
        assertEquals(List.of(80), ClassFilter.search(e, "WATCH").stream().map(LabelMapEntry::id).toList());
        assertEquals(List.of(12), ClassFilter.search(e, "12").stream().map(LabelMapEntry::id).toList());
        assertEquals(3, ClassFilter.search(e, " ").size());
        assertTrue(ClassFilter.all().accepts(5));
    }

    @Test
    void drawModeParsesCommandLineSpellings() {
        assertEquals(DrawMode.KEYFRAME_ONLY, DrawMode.parse("keyframe-only"));
        assertEquals(DrawMode.INTERPOLATE, DrawMode.parse("Interpolate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrawMode.parse("smooth"));
        assertTrue(e.getMessage().contains("keyframe-only, hold or interpolate"), e.getMessage());
    }

    @Test
    void timeMappingOfAvaCuts() {
        assertEquals(902.5, TimeMapping.avaCut().avaTime(2.5), 1e-12);
        assertEquals(2.5, TimeMapping.avaCut().videoTime(902.5), 1e-12);
        assertEquals(2.5, TimeMapping.none().avaTime(2.5), 1e-12);
    }
}
