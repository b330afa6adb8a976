package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowFastProposalsTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path p = dir.resolve("ava_detection_train_boxes_and_labels.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void deduplicatesBoxesPerKeyframeKeepingMaxScoreAndThresholds() throws IOException {
        Path p = csv("""
                vid1,0902,0.1,0.2,0.5,0.9,12,0.85
                vid1,0902,0.1,0.2,0.5,0.9,17,0.95
                vid1,0902,0.1,0.2,0.5,0.9,,0.9
                vid1,0902,0.6,0.1,0.9,0.8,-1,0.5
                vid1,0903,0.1,0.2,0.5,0.9,,0.79
                vid1,0903,0.2,0.2,0.6,0.9,,0.8

                vid2,1798,0,0,1,1,,1.0
                """);
        ProposalSet all = SlowFastProposals.read(p, 0.0);
        assertEquals(5, all.size());
        List<PersonBox> k902 = all.atKeyframe(new Keyframe("vid1", 902));
        assertEquals(2, k902.size());
        assertEquals(new AvaBox(0.1, 0.2, 0.5, 0.9), k902.get(0).box());
        assertEquals(0.95, k902.get(0).score());

        ProposalSet infer = SlowFastProposals.read(p, InferenceBoxes.SCORE_THRESHOLD);
        assertEquals(3, infer.size(), "0.5 and 0.79 dropped, 0.8 kept (>=)");
        assertEquals(List.of(new Keyframe("vid1", 902), new Keyframe("vid1", 903), new Keyframe("vid2", 1798)),
                List.copyOf(infer.keyframes()));
        assertEquals(0.8, infer.atKeyframe(new Keyframe("vid1", 903)).get(0).score());
        assertTrue(infer.atKeyframe(new Keyframe("vid9", 902)).isEmpty());
        assertEquals(3, all.filter(0.8).size());
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        Path p = csv("vid1,0902,0.1,0.2,0.5,0.9,,0.9\nvid1,0902,0.1,0.2,1.5,0.9,,0.9\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> SlowFastProposals.read(p, 0));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(p + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("x2"), e.getMessage());

        Path q = csv("vid1,0902,0.1,0.2,0.5,0.9,,0.9\n\nvid1,0902,0.1,0.2,0.5,0.9,0.9\n");
        AnnotationFormatException e2 = assertThrows(AnnotationFormatException.class, () -> SlowFastProposals.read(q, 0));
        // 7 columns read as video,timestamp,box,action (the AVA codec's score-less variant): 0.9 is no action id
        assertTrue(e2.getMessage().startsWith(q + ":3:") && e2.getMessage().contains("column 7"), e2.getMessage());

        Path r = csv("vid1,0902,0.1,0.2,0.5,0.9,,high\n");
        assertTrue(assertThrows(AnnotationFormatException.class, () -> SlowFastProposals.read(r, 0))
                .getMessage().contains(":1: column 8 (score)"));
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        ProposalSet set = ProposalSet.of(List.of(
                new PersonBox(new Keyframe("b", 905), new AvaBox(0.25, 0.5, 0.75, 1.0), 0.875),
                new PersonBox(new Keyframe("a", 902), new AvaBox(0.0, 0.125, 0.5, 0.625), 0.5)));
        Path p = dir.resolve("out.csv");
        SlowFastProposals.write(p, set);
        assertEquals("a,0902,0,0.125,0.5,0.625,,0.5", Files.readAllLines(p).get(0));
        assertEquals(set.all(), SlowFastProposals.read(p, 0).all());
    }
}
