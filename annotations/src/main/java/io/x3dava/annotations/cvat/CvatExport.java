package io.x3dava.annotations.cvat;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * AVA rows or detect-video's tracks to CVAT tracks of label {@code person} with one checkbox attribute per class of
 * the label map, so that {@link CvatImport} gives the rows back. Every box is a CVAT key frame; where a person is not
 * there at the next keyframe, an {@code outside} box ends the track there (CVAT would otherwise hold the box).
 */
public final class CvatExport {
    /** CVAT's label of people. */
    public static final String PERSON = "person";

    /** A box of a track at a time in seconds from the video start. */
    public record TimedBox(double seconds, AvaBox box) {
    }

    /** A person track (detect-video's tracks.json). */
    public record TimedTrack(int id, List<TimedBox> boxes) {
    }

    private CvatExport() {
    }

    /**
     * Ground truth of one video: one track per person id (rows without one get their own track per box), a box at
     * frame round((timestamp - offset) x fps) of every keyframe the person is on.
     */
    public static CvatDocument fromGroundTruth(String name, List<AvaGroundTruthRow> rows, LabelMap map, CvatVideo video,
                                               int offsetSeconds, int keyframeStep) {
        // person -> second -> box and actions
        Map<Integer, TreeMap<Integer, Map.Entry<AvaBox, Set<Integer>>>> people = new TreeMap<>();
        int anonymous = rows.stream().mapToInt(AvaGroundTruthRow::personId).max().orElse(0) + 1;
        Map<String, Integer> anonymousIds = new LinkedHashMap<>();
        for (AvaGroundTruthRow r : rows) {
            int second = r.keyframe().timestamp() - offsetSeconds;
            if (second < 0 || video.frameAt(second) >= video.frameCount()) {
                throw new IllegalArgumentException(r.keyframe().imageKey() + ": keyframe is at second " + second
                        + " of the video, which has " + video.frameCount() + " frames at " + video.fps()
                        + " fps (is --offset right?)");
            }
            int person = r.personId();
            if (person < 0) {
                String key = r.keyframe().imageKey() + "," + r.box();
                Integer id = anonymousIds.get(key);
                if (id == null) {
                    id = anonymous++;
                    anonymousIds.put(key, id);
                }
                person = id;
            }
            var seconds = people.computeIfAbsent(person, p -> new TreeMap<>());
            var at = seconds.get(second);
            if (at == null) {
                seconds.put(second, Map.entry(r.box(), new TreeSet<>(List.of(r.actionId()))));
            } else if (!at.getKey().equals(r.box())) {
                throw new IllegalArgumentException(r.keyframe().imageKey() + ": person " + r.personId()
                        + " has two different boxes on this keyframe");
            } else {
                at.getValue().add(r.actionId());
            }
        }
        List<CvatTrack> tracks = new ArrayList<>();
        people.forEach((person, seconds) -> {
            List<CvatBox> boxes = new ArrayList<>();
            seconds.forEach((second, e) -> {
                boxes.add(box(video, video.frameAt(second), e.getKey(), false, attributes(map, e.getValue())));
                int next = second + keyframeStep;
                if (!seconds.containsKey(next) && video.frameAt(next) < video.frameCount()) {
                    boxes.add(box(video, video.frameAt(next), e.getKey(), true, attributes(map, e.getValue())));
                }
            });
            tracks.add(new CvatTrack(person, PERSON, boxes, 0));
        });
        return document(name, map, video, tracks);
    }

    /**
     * detect-video's tracks with the actions of its keyframe detections: a track's box at keyframe second s gets the
     * actions of the detection rows at s whose box overlaps it best (IoU >= 0.5) scoring at least {@code threshold};
     * boxes between keyframes carry the actions of the keyframe before.
     */
    public static CvatDocument fromTracks(String name, List<TimedTrack> tracks, List<AvaDetectionRow> detections,
                                          double threshold, LabelMap map, CvatVideo video, int offsetSeconds) {
        // second -> box -> actions above threshold
        Map<Integer, Map<AvaBox, Set<Integer>>> dets = new TreeMap<>();
        for (AvaDetectionRow d : detections) {
            if (d.score() >= threshold && map.contains(d.actionId())) {
                dets.computeIfAbsent(d.keyframe().timestamp() - offsetSeconds, s -> new LinkedHashMap<>())
                        .computeIfAbsent(d.box(), b -> new TreeSet<>()).add(d.actionId());
            }
        }
        List<CvatTrack> out = new ArrayList<>();
        for (TimedTrack t : tracks) {
            List<CvatBox> boxes = new ArrayList<>();
            Set<Integer> actions = Set.of();
            long lastFrame = -1;
            double step = t.boxes().size() > 1 ? t.boxes().get(1).seconds() - t.boxes().get(0).seconds() : 1;
            for (TimedBox b : t.boxes()) {
                long frame = video.frameAt(b.seconds());
                if (frame <= lastFrame || frame >= video.frameCount()) {
                    continue;
                }
                long whole = Math.round(b.seconds());
                if (Math.abs(b.seconds() - whole) * video.fps() < 0.5) {
                    actions = matched(dets.getOrDefault((int) whole, Map.of()), b.box());
                }
                boxes.add(box(video, frame, b.box(), false, attributes(map, actions)));
                lastFrame = frame;
            }
            if (boxes.isEmpty()) {
                continue;
            }
            TimedBox last = t.boxes().get(t.boxes().size() - 1);
            long end = video.frameAt(last.seconds() + Math.max(step, 1 / video.fps()));
            if (end > lastFrame && end < video.frameCount()) {
                boxes.add(box(video, end, last.box(), true, attributes(map, actions)));
            }
            out.add(new CvatTrack(t.id(), PERSON, boxes, 0));
        }
        return document(name, map, video, out);
    }

    private static Set<Integer> matched(Map<AvaBox, Set<Integer>> boxes, AvaBox box) {
        Set<Integer> best = Set.of();
        double bestIou = 0.5;
        for (Map.Entry<AvaBox, Set<Integer>> e : boxes.entrySet()) {
            double iou = e.getKey().iou(box);
            if (iou >= bestIou) {
                bestIou = iou;
                best = e.getValue();
            }
        }
        return best;
    }

    private static List<CvatAttribute> attributes(LabelMap map, Set<Integer> actions) {
        List<CvatAttribute> out = new ArrayList<>();
        for (LabelMapEntry e : map.entries()) {
            out.add(new CvatAttribute(e.name(), actions.contains(e.id()) ? "true" : "false", 0));
        }
        return out;
    }

    private static CvatBox box(CvatVideo v, long frame, AvaBox b, boolean outside, List<CvatAttribute> attributes) {
        return new CvatBox((int) frame, b.x1() * v.width(), b.y1() * v.height(), b.x2() * v.width(),
                b.y2() * v.height(), outside, false, true, attributes, 0);
    }

    private static CvatDocument document(String name, LabelMap map, CvatVideo video, List<CvatTrack> tracks) {
        Map<String, CvatInputType> attributes = new LinkedHashMap<>();
        map.entries().forEach(e -> attributes.put(e.name(), CvatInputType.CHECKBOX));
        return new CvatDocument(name, video.width(), video.height(), 0, Map.of(PERSON, attributes), tracks);
    }
}
