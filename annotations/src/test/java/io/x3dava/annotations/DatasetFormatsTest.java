package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.annotations.charades.CharadesCsv;
import io.x3dava.annotations.charades.CharadesVideo;
import io.x3dava.annotations.charades.FrameListEntry;
import io.x3dava.annotations.charades.FrameLists;
import io.x3dava.annotations.kinetics.KineticsClasses;
import io.x3dava.annotations.kinetics.KineticsClip;
import io.x3dava.annotations.kinetics.KineticsCsv;
import io.x3dava.annotations.kinetics.PathLabel;
import io.x3dava.annotations.kinetics.PathLabelList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatsTest {
    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void charadesCsvWithQuotedMultilineFields() throws Exception {
        Path p = file("Charades_v1_train.csv", String.join(",", CharadesCsv.HEADER) + "\n"
                + "46GP8,HR43,Kitchen,6,7,Yes,\"A person cooks, then \"\"eats\"\".\nSecond line\",food;dish,"
                + "\"A person is cooking.\",c092 11.90 21.20;c147 0.00 12.60,24.83\n"
                + "N11GT,0KZ7,Stairs,6,7,Yes,walks,,desc,,18.0\n");
        List<CharadesVideo> v = CharadesCsv.read(p);
        assertEquals(2, v.size());
        assertEquals(List.of(new CharadesAction(92, 11.9, 21.2), new CharadesAction(147, 0, 12.6)), v.get(0).actions());
        assertEquals("A person cooks, then \"eats\".\nSecond line", v.get(0).script());
        assertEquals(List.of(), v.get(1).actions());
        Path out = dir.resolve("out.csv");
        CharadesCsv.write(out, v);
        assertEquals(v, CharadesCsv.read(out));
        Path bad = file("bad.csv", String.join(",", CharadesCsv.HEADER) + "\nX,a,b,c,d,e,f,g,h,c999 1 2,3\n");
        AvaFormatsTest.assertError(bad, 2, "c999", () -> CharadesCsv.read(bad));
        Path badHeader = file("bh.csv", "id,subject\n");
        AvaFormatsTest.assertError(badHeader, 1, "header", () -> CharadesCsv.read(badHeader));
    }

    @Test
    void charadesClassesAndFrameLists() throws Exception {
        Path c = file("classes.txt", "c000 Holding some clothes\nc001 Putting clothes somewhere\n");
        CharadesClasses cls = CharadesClasses.read(c);
        assertEquals("Putting clothes somewhere", cls.name(1));
        Path c2 = dir.resolve("c2.txt");
        cls.write(c2);
        assertEquals(cls, CharadesClasses.read(c2));
        Path badC = file("badc.txt", "c000 a\nc002 b\n");
        AvaFormatsTest.assertError(badC, 2, "c001", () -> CharadesClasses.read(badC));

        List<FrameListEntry> fl = List.of(new FrameListEntry("46GP8", 0, 0, "46GP8/46GP8-000001.jpg", List.of(1, 23)),
                new FrameListEntry("46GP8", 0, 1, "46GP8/46GP8-000002.jpg", List.of()));
        Path f = dir.resolve("train.csv");
        FrameLists.write(f, fl);
        assertEquals(FrameLists.HEADER, Files.readAllLines(f).get(0));
        assertEquals(fl, FrameLists.read(f));
        Path badF = file("badf.csv", FrameLists.HEADER + "\nx zero 0 p \"\"\n");
        AvaFormatsTest.assertError(badF, 2, "integers", () -> FrameLists.read(badF));
    }

    @Test
    void kineticsCsvListsAndClasses() throws Exception {
        Path p = file("train.csv", "label,youtube_id,time_start,time_end,split\n"
                + "\"passing American football (in game)\",-3B32lodo2M,59,69,train\nabseiling,0347ZoDXyP0,95,105,train\n");
        List<KineticsClip> clips = KineticsCsv.read(p);
        assertEquals("passing American football (in game)", clips.get(0).label());
        assertEquals("-3B32lodo2M_000059_000069", clips.get(0).fileStem());
        KineticsClasses classes = KineticsClasses.fromClips(clips);
        assertEquals(0, classes.indexOf("abseiling"), "index = position in the sorted names");
        Path out = dir.resolve("k.csv");
        KineticsCsv.write(out, clips);
        assertEquals(clips, KineticsCsv.read(out));
        Path test = file("test.csv", "youtube_id,time_start,time_end,split\nabc,1,11,test\n");
        assertNull(KineticsCsv.read(test).get(0).label());
        Path badTime = file("bt.csv", "label,youtube_id,time_start,time_end,split\na,b,10,5,train\n");
        AvaFormatsTest.assertError(badTime, 2, "time_start", () -> KineticsCsv.read(badTime));

        List<PathLabel> pl = List.of(new PathLabel("videos/abseiling/x y.mp4", 0), new PathLabel("v/b.mp4", 3));
        Path l = dir.resolve("list.txt");
        PathLabelList.write(l, pl);
        assertEquals(pl, PathLabelList.read(l));
        Path badL = file("badl.txt", "a.mp4 1\nb.mp4 x\n");
        AvaFormatsTest.assertError(badL, 2, "label", () -> PathLabelList.read(badL));
        Path cf = dir.resolve("classes.txt");
        classes.write(cf);
        assertEquals(classes.names(), KineticsClasses.read(cf).names());
    }

    @Test
    void atomicWriteLeavesNoPartialFile() throws Exception {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        try {
            AtomicFiles.writeText(target, w -> {
                w.write("partial");
                throw new java.io.IOException("disk full");
            });
        } catch (java.io.IOException expected) {
            // the writer failed
        }
        assertEquals("old", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
