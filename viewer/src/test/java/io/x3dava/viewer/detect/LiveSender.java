package io.x3dava.viewer.detect;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An ffmpeg process that serves a video live on 127.0.0.1 in real time (-re), looping, as H.264 in MPEG-TS: over UDP
 * (with a long GOP, so a receiver joins between key frames) or over HTTP (-listen 1). Stopped by {@link #close}.
 */
final class LiveSender implements AutoCloseable {
    private final Process process;
    private final String url;

    private LiveSender(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static boolean ffmpegPresent() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** UDP MPEG-TS, a key frame every {@code gop} frames. */
    static LiveSender udp(Path video, int gop) throws IOException {
        int port;
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        return udp(video, gop, port);
    }

    /** UDP MPEG-TS to this port (a sender that comes back after a failure). */
    static LiveSender udp(Path video, int gop, int port) throws IOException {
        String url = "udp://127.0.0.1:" + port;
        return start(video, gop, List.of("-f", "mpegts", url + "?pkt_size=1316"), url);
    }

    /** HTTP MPEG-TS served to one client. */
    static LiveSender http(Path video, int gop) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/live.ts";
        return start(video, gop, List.of("-f", "mpegts", "-listen", "1", url), url);
    }

    private static LiveSender start(Path video, int gop, List<String> output, String url) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-stream_loop",
                "-1", "-i", video.toString(), "-vf", "scale=384:288", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0"));
        cmd.addAll(output);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new LiveSender(p, url);
    }

    String url() {
        return url;
    }

    /** Kills the sender (the source dies mid-stream). */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
