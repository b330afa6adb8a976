package io.x3dava.backbone.video;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg logs every opened stream at INFO on stderr; keep errors only (they also surface as exceptions). */
public final class FfmpegLog {
    private static volatile boolean done;

    private FfmpegLog() {}

    public static void quiet() {
        if (!done) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            done = true;
        }
    }
}
