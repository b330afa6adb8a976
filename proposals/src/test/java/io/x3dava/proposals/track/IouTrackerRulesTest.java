package io.x3dava.proposals.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.detect.PersonHit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The tracker's rules by hand: constant-velocity prediction, greedy matching by IoU, memory, minimum IoU. */
class IouTrackerRulesTest {

    /** A full-height box from x1 to x2 (IoU is then the overlap of the intervals over their union). */
    private static AvaBox x(double x1, double x2) {
        return new AvaBox(x1, 0.0, x2, 1.0);
    }

    private static List<Integer> ids(IouTracker t, double seconds, AvaBox... boxes) {
        List<PersonHit> hits = new ArrayList<>();
        for (AvaBox b : boxes) {
            hits.add(new PersonHit(b, 0.9));
        }
        return t.update(seconds, hits).stream().map(TrackedBox::trackId).toList();
    }

    @Test
    void predictionMovesTheLastBoxByTheLastVelocity() {
        List<TrackedBox> boxes = new ArrayList<>();
        boxes.add(new TrackedBox(1, 1.0, new AvaBox(0.1, 0.2, 0.3, 0.6), 0.9));
        IouTracker.Track one = new IouTracker.Track(1, boxes);
        assertEquals(new AvaBox(0.1, 0.2, 0.3, 0.6), one.predictedAt(2.0), "one box: held still");
        boxes.add(new TrackedBox(1, 1.5, new AvaBox(0.2, 0.3, 0.4, 0.7), 0.9));
        // 0.1 right and 0.1 down per 0.5 s; 1 s after the last box: twice that
        AvaBox p = new IouTracker.Track(1, boxes).predictedAt(2.5);
        assertEquals(0.4, p.x1(), 1e-12);
        assertEquals(0.5, p.y1(), 1e-12);
        assertEquals(0.6, p.x2(), 1e-12);
        assertEquals(0.9, p.y2(), 1e-12);
        List<TrackedBox> same = List.of(boxes.get(0), new TrackedBox(1, 1.0, new AvaBox(0.5, 0.5, 0.6, 0.6), 0.9));
        assertEquals(new AvaBox(0.5, 0.5, 0.6, 0.6), new IouTracker.Track(1, same).predictedAt(3.0),
                "no time between the last two boxes: held still");
    }

    @Test
    void aMissedFrameIsBridgedByThePrediction() {
        IouTracker t = IouTracker.create();
        assertEquals(List.of(1), ids(t, 0.0, x(0.1, 0.3)));
        assertEquals(List.of(1), ids(t, 0.25, x(0.2, 0.4)));
        // missed at 0.5 s; at 0.75 s the box is 0.3 further: no overlap with the last box, IoU 1/3 with the prediction
        assertEquals(List.of(1), ids(t, 0.75, x(0.5, 0.7)));
    }

    @Test
    void theHighestIouPairsAreMatchedFirst() {
        IouTracker t = IouTracker.create();
        assertEquals(List.of(1, 2), ids(t, 0.0, x(0.0, 0.4), x(0.2, 0.6)));
        // h1 overlaps track 2 best (0.875) and track 1 too (0.36); h2 only track 1 (0.75): h1 -> 2, h2 -> 1
        assertEquals(List.of(2, 1), ids(t, 0.25, x(0.2, 0.55), x(0.0, 0.3)));
    }

    @Test
    void memoryAndMinimumIou() {
        IouTracker t = IouTracker.create().withMemorySeconds(0.5);
        assertEquals(List.of(1), ids(t, 0.0, x(0.1, 0.3)));
        assertEquals(List.of(1), ids(t, 0.5, x(0.1, 0.3)), "unseen for exactly the memory: kept");
        assertEquals(List.of(2), ids(t, 1.1, x(0.1, 0.3)), "unseen for longer: a new track");
        IouTracker strict = IouTracker.create().withMinIou(0.8);
        assertEquals(List.of(1), ids(strict, 0.0, x(0.0, 0.4)));
        assertEquals(List.of(2), ids(strict, 0.25, x(0.0, 0.3)), "IoU 0.75 < 0.8: a new track");
        IouTracker loose = IouTracker.create();
        assertEquals(List.of(1), ids(loose, 0.0, x(0.0, 0.4)));
        assertEquals(List.of(1), ids(loose, 0.25, x(0.0, 0.3)), "IoU 0.75 >= 0.3: the same track");
        assertEquals(List.of(1), ids(IouTracker.create().withMinIou(1.0), 0.0, x(0.0, 0.4)));
        assertThrows(IllegalArgumentException.class, () -> IouTracker.create().withMinIou(0));
        assertThrows(IllegalArgumentException.class, () -> IouTracker.create().withMinIou(1.01));
        assertThrows(IllegalArgumentException.class, () -> IouTracker.create().withMemorySeconds(-0.1));
        assertEquals(List.of(1), ids(IouTracker.create().withMemorySeconds(0), 0.0, x(0.0, 0.4)));
    }
}
