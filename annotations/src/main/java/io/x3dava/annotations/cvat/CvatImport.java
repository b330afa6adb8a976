package io.x3dava.annotations.cvat;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CVAT person tracks to AVA ground truth: at each keyframe second t (step, 2 step, ... while frame round(t x fps)
 * exists) every person track's box on that frame (as {@link CvatTrackSampler} gives it) with its actions, one row per
 * action: {@code video_id, offset + t, x1, y1, x2, y2, action_id, person_id = track id}. Actions are the values of
 * select/radio attributes and the names of checkbox attributes that are true, matched to the label map's names
 * ignoring case; {@code __undefined__}, empty and {@code none} values are no action; number and text attributes are
 * ignored. A person box with no action gives no row (AVA has none).
 */
public final class CvatImport {
    /** Coordinates are rounded to this many decimals (AVA's files have 3; a CVAT round trip must not add noise). */
    static final double COORDINATE_SCALE = 1e6;

    /** Rows and what was read. */
    public record Result(List<AvaGroundTruthRow> rows, LabelMap labelMap, int personTracks, int otherTracks,
                         int personBoxes, int unlabelledBoxes, int occludedBoxes, int keyframes) {
    }

    private record Named(String name, int line) {
    }

    private record Sample(int second, int personId, AvaBox box, List<Named> actions) {
    }

    private CvatImport() {
    }

    public static Result toAva(CvatDocument doc, CvatVideo video, LabelMap labelMap, CvatImportOptions o)
            throws IOException {
        Path file = Path.of(doc.name());
        if (doc.width() > 0 && (doc.width() != video.width() || doc.height() != video.height())) {
            throw new AnnotationFormatException(file, doc.sizeLine(), "<original_size> is " + doc.width() + "x"
                    + doc.height() + " but the video is " + video.width() + "x" + video.height()
                    + " (is it the video this task was made from?)");
        }
        int persons = 0;
        int others = 0;
        int occluded = 0;
        int keyframes = 0;
        List<Sample> samples = new ArrayList<>();
        List<CvatTrack> people = new ArrayList<>();
        for (CvatTrack t : doc.tracks()) {
            if (t.label().equalsIgnoreCase(o.personLabel())) {
                people.add(t);
                persons++;
            } else {
                others++;
            }
        }
        for (int t = o.keyframeStep(); video.frameAt(t) < video.frameCount(); t += o.keyframeStep()) {
            keyframes++;
            long frame = video.frameAt(t);
            for (CvatTrack track : people) {
                CvatBox b = CvatTrackSampler.at(track, frame);
                if (b == null) {
                    continue;
                }
                occluded += b.occluded() ? 1 : 0;
                samples.add(new Sample(t, track.id(), normalized(b, video), actions(doc, track.label(), b)));
            }
        }
        LabelMap map = resolve(samples, labelMap, o, file);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (LabelMapEntry e : map.entries()) {
            ids.putIfAbsent(e.name().toLowerCase(Locale.ROOT), e.id());
        }
        List<AvaGroundTruthRow> rows = new ArrayList<>();
        int unlabelled = 0;
        for (Sample s : samples) {
            Set<Integer> actionIds = new java.util.TreeSet<>();
            for (Named n : s.actions()) {
                actionIds.add(ids.get(n.name().toLowerCase(Locale.ROOT)));
            }
            unlabelled += actionIds.isEmpty() ? 1 : 0;
            Keyframe k = new Keyframe(o.videoId(), o.offsetSeconds() + s.second());
            for (int a : actionIds) {
                rows.add(new AvaGroundTruthRow(k, s.box(), a, s.personId()));
            }
        }
        rows.sort(Comparator.comparing(AvaGroundTruthRow::keyframe).thenComparingInt(AvaGroundTruthRow::personId)
                .thenComparingInt(AvaGroundTruthRow::actionId));
        return new Result(rows, map, persons, others, samples.size(), unlabelled, occluded, keyframes);
    }

    /** The label map the names resolve in: the given one, grown by the new names when asked, else an error. */
    private static LabelMap resolve(List<Sample> samples, LabelMap labelMap, CvatImportOptions o, Path file)
            throws IOException {
        List<LabelMapEntry> entries = labelMap == null ? new ArrayList<>() : new ArrayList<>(labelMap.entries());
        Set<String> known = new LinkedHashSet<>();
        entries.forEach(e -> known.add(e.name().toLowerCase(Locale.ROOT)));
        int next = labelMap == null ? 1 : labelMap.maxId() + 1;
        for (Sample s : samples) {
            for (Named n : s.actions()) {
                if (known.add(n.name().toLowerCase(Locale.ROOT))) {
                    if (!o.growLabelMap()) {
                        throw new AnnotationFormatException(file, n.line(), "attribute value '" + n.name()
                                + "' is not in " + (o.labelMapFile() == null ? "the label map" : o.labelMapFile())
                                + " (add it there, or give --labelmap-out NEW.pbtxt to write a label map of every name"
                                + " found)");
                    }
                    entries.add(new LabelMapEntry(next++, n.name(), null));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "no action found on any '" + o.personLabel() + "' track, so"
                    + " there is no label map to write (expected checkbox, select or radio attributes)");
        }
        return new LabelMap(entries);
    }

    /** Action names of a box, with their lines. */
    private static List<Named> actions(CvatDocument doc, String label, CvatBox b) {
        List<Named> out = new ArrayList<>();
        for (CvatAttribute a : b.attributes()) {
            String v = a.value().trim();
            CvatInputType type = doc.inputType(label, a.name());
            if (type == null) {
                // no label list in the file: a true/false value is a checkbox, anything else a choice
                type = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? CvatInputType.CHECKBOX
                        : CvatInputType.SELECT;
            }
            switch (type) {
                case CHECKBOX -> {
                    if (v.equalsIgnoreCase("true")) {
                        out.add(new Named(a.name().trim(), a.line()));
                    }
                }
                case SELECT, RADIO -> {
                    if (!v.isEmpty() && !v.equals("__undefined__") && !v.equalsIgnoreCase("none")) {
                        out.add(new Named(v, a.line()));
                    }
                }
                default -> {
                    // number and text attributes are not actions
                }
            }
        }
        return out;
    }

    private static AvaBox normalized(CvatBox b, CvatVideo v) {
        return new AvaBox(coord(b.xtl() / v.width()), coord(b.ytl() / v.height()), coord(b.xbr() / v.width()),
                coord(b.ybr() / v.height()));
    }

    private static double coord(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * COORDINATE_SCALE) / COORDINATE_SCALE;
    }
}
