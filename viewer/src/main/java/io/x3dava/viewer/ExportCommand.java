package io.x3dava.viewer;


import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code x3d-ava export-annotated}: the annotated video (MP4) and/or one annotated frame (PNG), without a screen. */
@Command(name = "export-annotated", mixinStandardHelpOptions = true,
        description = "Draws predicted (and ground-truth) actions over a video or AVA frame folder and writes MP4 and/or PNG.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = {"-v", "--video"}, required = true, description = "video file or frame folder (frames/<vid>/<vid>_%%06d.jpg, 30 fps)")
    Path video;

    @Mixin
    OverlayOptions overlay = new OverlayOptions();

    @Option(names = "--mp4", description = "write the annotated video here")
    Path mp4;

    @Option(names = "--png", description = "write the annotated frame at --at here")
    Path png;

    @Option(names = "--at", description = "annotation time of the PNG frame in seconds (as in the CSV, e.g. 902); default the first frame")
    Double at;

    @Option(names = "--from", description = "annotation time where the MP4 starts; default the first frame")
    Double from;

    @Option(names = "--to", description = "annotation time where the MP4 ends; default the last frame")
    Double to;

    @Option(names = "--min-short-side", defaultValue = "" + ExportSize.DEFAULT_MIN_SHORT_SIDE,
            description = "scale small videos up so that the short side is at least this many pixels (labels stay "
                    + "readable; 0 = native size); default ${DEFAULT-VALUE}")
    int minShortSide;

    @Override
    public Integer call() throws IOException {
        if (mp4 == null && png == null) {
            System.err.println("export-annotated: nothing to write; give --mp4 and/or --png");
            return 2;
        }
        io.x3dava.annotations.command.OutputPaths.requireFile(mp4);
        io.x3dava.annotations.command.OutputPaths.requireFile(png);
        OverlaySettings options = overlay.settings();
        ExportSize size = new ExportSize(minShortSide);
        OverlayModel model = overlay.inputs().load();
        TimeMapping time = overlay.timeMapping();
        OverlayQuery query = new OverlayQuery(model);
        try (FrameCursor source = FrameCursor.open(video)) {
            // a frame within half a frame of a keyframe is at it: exactly one frame per keyframe
            OverlaySettings settings = options.withKeyframeTolerance(source.clock().halfFrame());
            String videoId = overlay.videoId() != null ? overlay.videoId() : model.videoIdFor(source.videoId());
            if (!model.videoIds().isEmpty() && !model.videoIds().contains(videoId)) {
                System.err.println("export-annotated: warning: video id '" + videoId + "' is not in the annotations "
                        + "(they have " + model.videoIds().size() + " videos); use --video-id");
            }
            if (png != null) {
                double t = at == null ? 0.0 : time.videoTime(at);
                VideoFrame f = FrameExport.export(source, query, settings, videoId, time, t, size, png);
                System.out.printf(Locale.ROOT, "wrote %s (frame at %.3f s, annotation time %.3f)%n", png, f.time(),
                        time.avaTime(f.time()));
            }
            if (mp4 != null) {
                double start = from == null ? 0.0 : time.videoTime(from);
                double end = to == null ? Double.POSITIVE_INFINITY : time.videoTime(to);
                int n = new VideoExport(query, settings, size).export(source, videoId, time, start, end, mp4, null);
                System.out.println("wrote " + mp4 + " (" + n + " frames)");
            }
        }
        return 0;
    }

}
