package io.x3dava.backbone.bench;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TorchScript X3D file and what it was traced for, read from its name as in ../shared/fixtures/x3d_torchscript
 * ({@code x3d_<preset>_b<batch>_<frames>x<crop>_<eval|frozen|train>.pt}).
 */
public record TraceFile(Path path, String preset, int batch, int frames, int crop, Kind kind) {

    /** How the module was made (fixture README): eval trace, torch.jit.freeze of it, or trace in training mode. */
    public enum Kind {
        EVAL, FROZEN, TRAIN;

        public boolean training() {
            return this == TRAIN;
        }
    }

    private static final Pattern NAME = Pattern.compile("x3d_([A-Za-z0-9]+)_b(\\d+)_(\\d+)x(\\d+)_(eval|frozen|train)\\.pt");

    public static TraceFile parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(path + ": expected a name like x3d_XS_b1_4x160_eval.pt "
                    + "(x3d_<preset>_b<batch>_<frames>x<crop>_<eval|frozen|train>.pt), as in ../shared/fixtures/x3d_torchscript");
        }
        return new TraceFile(path, m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Kind.valueOf(m.group(5).toUpperCase(java.util.Locale.ROOT)));
    }

    public TraceFile withBatch(int b) {
        return new TraceFile(path, preset, b, frames, crop, kind);
    }
}
