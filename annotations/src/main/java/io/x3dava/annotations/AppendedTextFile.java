package io.x3dava.annotations;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text file that grows by whole chunks of lines while a long job runs, so that it is a valid file (whole lines
 * only) whenever a reader looks and whatever stops the job: each chunk is written in one go, and a chunk that does not
 * fit (a full disk) is cut off again, so the file keeps the chunks before it. Errors name the file.
 */
public final class AppendedTextFile implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private long size;

    private AppendedTextFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates {@code file} (replacing an existing one) with {@code header} as its first chunk ("" for none). */
    public static AppendedTextFile create(Path file, String header) throws IOException {
        FileChannel c;
        try {
            c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw AtomicFiles.naming(file, e);
        }
        AppendedTextFile f = new AppendedTextFile(file, c);
        try {
            f.append(header);
        } catch (IOException e) {
            f.close();
            throw e;
        }
        return f;
    }

    public Path file() {
        return file;
    }

    /** Bytes written so far (whole chunks). */
    public long size() {
        return size;
    }

    /** Writes {@code text} (whole lines) at the end; on failure the file is cut back to its previous size. */
    public void append(CharSequence text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        ByteBuffer b = StandardCharsets.UTF_8.encode(text.toString());
        try {
            while (b.hasRemaining()) {
                channel.write(b, size + b.position());
            }
        } catch (IOException e) {
            try {
                channel.truncate(size);
            } catch (IOException ignored) {
                // the first error is the one to report; the reader's view is repaired at the next successful write
            }
            throw new IOException(file + ": " + (e.getMessage() == null ? "write failed" : e.getMessage())
                    + " (the file keeps its " + size + " bytes before this write)", e);
        }
        size += b.limit();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
