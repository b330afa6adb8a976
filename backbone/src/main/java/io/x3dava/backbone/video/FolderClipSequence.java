package io.x3dava.backbone.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@link ClipSequence} of a JPEG folder: each window decodes only the files it does not share with the previous
 * windows; decoded frames stay cached (at the clip's size) until their last window has been read.
 */
final class FolderClipSequence implements ClipSequence {
    private final FrameFolderSource src;
    private final WindowPlan plan;
    /** Per window, why it cannot be read (missing frames), or null. */
    private final MissingFrameException[] failures;
    private final int h;
    private final int w;
    private final Map<Long, BufferedImage> cache = new HashMap<>();
    private int next;

    FolderClipSequence(FrameFolderSource src, WindowPlan plan, MissingFrameException[] failures, int shortSide) {
        this.src = src;
        this.plan = plan;
        this.failures = failures.clone();
        int[] hw = FrameSource.scaledSize(src.height(), src.width(), shortSide);
        h = hw[0];
        w = hw[1];
    }

    @Override
    public int remaining() {
        return plan.windows.length - next;
    }

    @Override
    public DecodedClip next() throws IOException {
        int wi = next++;
        IndexPlan win = plan.windows[wi];
        try {
            if (failures[wi] != null) {
                throw failures[wi];
            }
            byte[] out = new byte[win.outputFrames() * h * w * 3];
            for (long u : win.unique) {
                BufferedImage img = cache.get(u);
                if (img == null) {
                    img = FrameFolderSource.rgbImage(w, h);
                    src.decodeInto(u, img);
                    cache.put(u, img);
                }
                win.place(u, ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData(), out);
            }
            return new DecodedClip(out, win.outputFrames(), h, w);
        } finally {
            for (Iterator<Long> it = cache.keySet().iterator(); it.hasNext(); ) {
                if (!plan.neededFrom(it.next(), wi + 1)) {
                    it.remove();
                }
            }
        }
    }

    @Override
    public void close() {
        cache.clear();
    }
}
