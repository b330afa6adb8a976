package io.x3dava.detector.synthetic;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutKind;
import io.x3dava.detector.data.FrameTemplate;
import io.x3dava.proposals.MmactionProposalsWriter;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.ProposalSet;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;


/**
 * The generated AVA data set laid out as users have real AVA on disk: PySlowFast's (frames/ at 30 fps numbered from
 * 1, frame_lists/, annotations/ with the person_box_67091280_iou90/ proposals, the training ones labelled with
 * negatives as SlowFast releases them), MMAction2's (rawframes/ img_%05d.jpg, annotations/ with the .pkl proposals,
 * videos_15min/), or the cut clips (videos_15min/ with the files at the top, as the project read them before).
 */
public final class SyntheticAvaLayouts {

    private SyntheticAvaLayouts() {
    }

    /** Writes the data set at {@code root} in {@code kind}'s layout; returns the root to give to --ava. */
    public static Path write(Path root, AvaLayoutKind kind, int trainVideos, int valVideos, int actors, int keyframes,
                             int size, long seed) throws IOException {
        SyntheticAva.Layout flat = SyntheticAva.write(root, trainVideos, valVideos, actors, keyframes, size, seed);
        if (kind == AvaLayoutKind.CUT_CLIPS) {
            Files.move(flat.videos(), root.resolve("videos_15min"));
            return root;
        }
        Path ann = Files.createDirectories(root.resolve("annotations"));
        for (Path p : List.of(flat.trainGt(), flat.valGt(), flat.labelMap(), flat.valExcluded())) {
            Files.move(p, ann.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        writeFullLabelList(LabelMap.read(ann.resolve(flat.labelMap().getFileName())),
                ann.resolve("ava_action_list_v2.2.pbtxt"));
        List<AvaProposalRow> trainProps = AvaCsv.readProposals(flat.trainProposals());
        List<AvaProposalRow> valProps = AvaCsv.readProposals(flat.valProposals());
        Files.delete(flat.trainProposals());
        Files.delete(flat.valProposals());
        FrameTemplate template = kind == AvaLayoutKind.PYSLOWFAST ? FrameTemplate.PYSLOWFAST : FrameTemplate.MMACTION2;
        Path frames = root.resolve(kind == AvaLayoutKind.PYSLOWFAST ? "frames" : "rawframes");
        LinkedHashMap<String, Integer> trainCounts = new LinkedHashMap<>();
        LinkedHashMap<String, Integer> valCounts = new LinkedHashMap<>();
        List<Path> clips;
        try (Stream<Path> s = Files.list(flat.videos())) {
            clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        for (Path clip : clips) {
            String vid = clip.getFileName().toString().replace(".mp4", "");
            int n = extractFrames(clip, template.folder(frames, vid), template, vid);
            (vid.startsWith("syn_ava_t") ? trainCounts : valCounts).put(vid, n);
        }
        if (kind == AvaLayoutKind.PYSLOWFAST) {
            AvaFrameLists.write(root.resolve("frame_lists/train.csv"), trainCounts, template.template());
            AvaFrameLists.write(root.resolve("frame_lists/val.csv"), valCounts, template.template());
            Path boxes = ann.resolve(AvaLayout.SLOWFAST_BOXES_DIR);
            AvaCsv.writeProposals(boxes.resolve("ava_detection_train_boxes_and_labels_include_negative_v2.2.csv"),
                    withLabels(trainProps, AvaCsv.readGroundTruth(ann.resolve(flat.trainGt().getFileName()))));
            AvaCsv.writeProposals(boxes.resolve("ava_detection_val_boxes_and_labels.csv"), valProps);
            deleteTree(flat.videos());
        } else {
            MmactionProposalsWriter.write(ann.resolve("ava_dense_proposals_train.FAIR.recall_93.9.pkl"),
                    set(trainProps));
            MmactionProposalsWriter.write(ann.resolve("ava_dense_proposals_val.FAIR.recall_93.9.pkl"),
                    set(valProps));
            Files.move(flat.videos(), root.resolve("videos_15min"));
        }
        return root;
    }

    /**
     * Proposals as SlowFast's "iou90" training files: a proposal with IoU > 0.9 to a ground-truth box gets one row per
     * action of that box, any other proposal one row with an empty action (a negative).
     */
    static List<AvaProposalRow> withLabels(List<AvaProposalRow> proposals, List<AvaGroundTruthRow> gt) {
        Map<Keyframe, Map<AvaBox, List<Integer>>> truth = new TreeMap<>();
        for (AvaGroundTruthRow r : gt) {
            truth.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.box(), b -> new ArrayList<>()).add(r.actionId());
        }
        List<AvaProposalRow> out = new ArrayList<>();
        for (AvaProposalRow p : proposals) {
            List<Integer> labels = null;
            double best = 0.9;
            for (Map.Entry<AvaBox, List<Integer>> e : truth.getOrDefault(p.keyframe(), Map.of()).entrySet()) {
                double iou = p.box().iou(e.getKey());
                if (iou > best) {
                    best = iou;
                    labels = e.getValue();
                }
            }
            if (labels == null) {
                out.add(new AvaProposalRow(p.keyframe(), p.box(), 0, p.score()));
            } else {
                labels.forEach(a -> out.add(new AvaProposalRow(p.keyframe(), p.box(), a, p.score())));
            }
        }
        return out;
    }

    private static ProposalSet set(List<AvaProposalRow> rows) {
        return ProposalSet.of(rows.stream().map(r -> new PersonBox(r.keyframe(), r.box(), r.score())).toList());
    }

    /**
     * Every frame of the clip as a JPEG numbered from 1, as {@code ffmpeg -i clip -r 30 -q:v 1 %05d.jpg} does (the
     * clips are written at 30 fps, so no frame is dropped or repeated).
     */
    static int extractFrames(Path clip, Path folder, FrameTemplate template, String vid) throws IOException {
        Files.createDirectories(folder);
        try (FrameSource src = FrameSources.open(clip)) {
            long[] all = new long[(int) src.frameCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            DecodedClip c = src.read(all, 0);
            BufferedImage img = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_3BYTE_BGR);
            byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int t = 0; t < c.frames(); t++) {
                int base = c.offset(t, 0, 0);
                for (int p = 0; p < bgr.length; p += 3) {
                    bgr[p] = c.rgb()[base + p + 2];
                    bgr[p + 1] = c.rgb()[base + p + 1];
                    bgr[p + 2] = c.rgb()[base + p];
                }
                Path out = folder.resolve(template.fileName(vid, t + AvaTime.FIRST_FRAME_NUMBER));
                AtomicFiles.write(out, o -> {
                    if (!ImageIO.write(img, "jpg", o)) {
                        throw new IOException(out + ": no JPEG writer");
                    }
                });
            }
            return c.frames();
        }
    }

    /** The full list's style: {@code label { name label_id label_type }}. */
    private static void writeFullLabelList(LabelMap labels, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LabelMapEntry e : labels.entries()) {
            sb.append("label {\n  name: \"").append(e.name()).append("\"\n  label_id: ").append(e.id())
                    .append("\n  label_type: ").append(e.labelType() == null ? "PERSON_MOVEMENT" : e.labelType())
                    .append("\n}\n");
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
