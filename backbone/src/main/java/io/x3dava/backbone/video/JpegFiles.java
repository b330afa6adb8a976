package io.x3dava.backbone.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Whether an extracted frame is a whole JPEG (check-ava, check-charades). */
public final class JpegFiles {
    private JpegFiles() {
    }

    /**
     * Null when the file is a whole, decodable JPEG, else why not: a full decode, plus the JPEG start and end markers
     * (a truncated file decodes with a warning only).
     */
    public static String problem(Path f) {
        try {
            long size = Files.size(f);
            if (size < 4) {
                return "not a JPEG (" + size + " bytes)";
            }
            byte[] head = new byte[2];
            byte[] tail = new byte[2];
            try (SeekableByteChannel ch = Files.newByteChannel(f)) {
                ch.read(java.nio.ByteBuffer.wrap(head));
                ch.position(size - 2);
                ch.read(java.nio.ByteBuffer.wrap(tail));
            }
            if ((head[0] & 0xff) != 0xFF || (head[1] & 0xff) != 0xD8) {
                return "not a JPEG (no start marker)";
            }
            if ((tail[0] & 0xff) != 0xFF || (tail[1] & 0xff) != 0xD9) {
                return "truncated JPEG (no end marker)";
            }
            try (InputStream in = Files.newInputStream(f)) {
                if (ImageIO.read(in) == null) {
                    return "cannot decode";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot decode: " + e.getMessage();
        }
    }

}
