package io.x3dava.backbone.checkpoint;

import java.nio.file.Path;

/**
 * Bytes a reader may allocate beyond what the file itself holds. Strided views (and inflated zip entries) can
 * legitimately produce more bytes than the file contains, but a hostile file could multiply that without limit,
 * e.g. a thousand stride-0 views of one large storage; this budget turns that into a clear error.
 */
final class CopyBudget {
    private final Path file;
    private final long limit;
    private long used;

    CopyBudget(Path file, long fileSize) {
        this.file = file;
        // generous: tied weights and transposed views stay far below this
        this.limit = Math.min(Long.MAX_VALUE / 4, fileSize) * 4 + (256L << 20);
    }

    void take(long bytes, String what) throws CheckpointFormatException {
        if (bytes < 0 || bytes > limit - used) {
            throw new CheckpointFormatException(file, what + " would need " + bytes + " more bytes; the file ("
                    + "with " + used + " bytes already materialised) allows at most " + limit);
        }
        used += bytes;
    }
}
