package io.x3dava.backbone.video;

import org.bytedeco.ffmpeg.global.avutil;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaCV's exception texts for users: without its hints for developers ("Has setFormat() been called?", "make sure
 * FFmpegLogCallback.set() has been called") and with FFmpeg's own words for its error numbers ("error -28" becomes
 * "error -28, No space left on device").
 */
public final class FfmpegErrors {
    private static final Pattern HINT = Pattern.compile("\\s*\\((Has setFormat\\(\\) been called\\?|For more details,"
            + " make sure FFmpegLogCallback\\.set\\(\\) has been called\\.)\\)");
    private static final Pattern CODE = Pattern.compile("error (-\\d{1,10})");

    private FfmpegErrors() {
    }

    /** The message of {@code e} as a user should read it. */
    public static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = HINT.matcher(m).replaceAll("").trim();
        Matcher c = CODE.matcher(m);
        if (c.find()) {
            int code;
            try {
                code = Integer.parseInt(c.group(1));
            } catch (NumberFormatException ex) {
                return m;
            }
            byte[] buf = new byte[256];
            if (avutil.av_strerror(code, buf, buf.length) == 0) {
                int n = 0;
                while (n < buf.length && buf[n] != 0) {
                    n++;
                }
                m = m.substring(0, c.end()) + " (" + new String(buf, 0, n, StandardCharsets.UTF_8) + ")"
                        + m.substring(c.end());
            }
        }
        return m;
    }

    /** Whether {@code e} is FFmpeg's "invalid data" (not a video, or a damaged one). */
    public static boolean isInvalidData(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("error " + avutil.AVERROR_INVALIDDATA());
    }
}
