package io.x3dava.viewer;

import static io.x3dava.viewer.Rows.box;
import static io.x3dava.viewer.Rows.det;
import static io.x3dava.viewer.Rows.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.eval.ava.ClassResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadingAndApTest {
    @TempDir
    Path dir;

    @Test
    void malformedDetectionsNameFileAndLine() throws Exception {
        Path csv = dir.resolve("dets.csv");
        Files.writeString(csv, "v,0902,0.1,0.1,0.5,0.9,1,0.9\nv,0902,0.1,0.1,oops,0.9,2,0.5\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> new InputFiles(csv, null, null, null).load());
        assertEquals(csv, e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(csv + ":2:"), e.getMessage());
    }

    @Test
    void missingFileIsAnAnnotationError() {
        Path gt = dir.resolve("absent.csv");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> new InputFiles(null, gt, null, null).load());
        assertTrue(e.getMessage().contains("absent.csv"), e.getMessage());
    }

    @Test
    void loadsAllFourFiles() throws Exception {
        Path d = dir.resolve("d.csv");
        Path g = dir.resolve("g.csv");
        Path l = dir.resolve("l.pbtxt");
        Path x = dir.resolve("x.csv");
        Files.writeString(d, "v,0902,0.1,0.1,0.5,0.9,1,0.9\n");
        Files.writeString(g, "v,0902,0.1,0.1,0.5,0.9,1,0\n");
        Files.writeString(l, "item { name: \"stand\" id: 1 }\n");
        Files.writeString(x, "v,0903\n");
        OverlayModel m = new InputFiles(d, g, l, x).load();
        assertEquals("stand", m.className(1));
        assertTrue(m.isExcluded("v", 903));
        assertEquals(Set.of(902), m.keyframes("v"));
    }

    @Test
    void perClassApOfOneVideoOnly() {
        OverlayModel m = new OverlayModel(List.of(
                det("a", 1, box(0.1, 0.1, 0.5, 0.5), 1, 0.9),   // found
                det("a", 1, box(0.6, 0.6, 0.9, 0.9), 2, 0.8),   // wrong place
                det("b", 1, box(0.6, 0.6, 0.9, 0.9), 1, 0.99)), // another video: must not count
                List.of(gt("a", 1, box(0.1, 0.1, 0.5, 0.5), 1, 0), gt("a", 1, box(0.1, 0.1, 0.5, 0.5), 2, 0),
                        gt("b", 1, box(0.1, 0.1, 0.5, 0.5), 1, 0)),
                OverlayQueryTest.LABELS, Set.of());
        List<ClassResult> a = VideoAp.withAp(VideoAp.of(m, "a"));
        assertEquals(List.of(1, 2), a.stream().map(ClassResult::id).toList());
        assertEquals(1.0, a.get(0).ap(), 1e-12);
        assertEquals(0.0, a.get(1).ap(), 1e-12);
        assertEquals(0.0, VideoAp.withAp(VideoAp.of(m, "b")).get(0).ap(), 1e-12);
    }
}
