package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only memory-mapped regions of a file, each bounds-checked against the file size, so that a length read from
 * the file can never make us allocate or map more than the file holds.
 */
final class MappedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    /** One mapping of the whole file when it fits a ByteBuffer: regions are slices, not one mmap call each. */
    private ByteBuffer whole;

    MappedFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** The bytes [offset, offset + length), little-endian, or an error naming {@code what}. */
    ByteBuffer map(long offset, long length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new CheckpointFormatException(path, what + " at byte " + offset + " with " + length
                    + " bytes reaches past the end of the file (" + size + " bytes; truncated?)");
        }
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointFormatException(path, what + " of " + length + " bytes is larger than 2 GiB");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (size <= Integer.MAX_VALUE) {
            if (whole == null) {
                whole = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            return whole.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Up to {@code max} bytes from {@code offset} (fewer at the end of the file). */
    ByteBuffer mapUpTo(long offset, long max, String what) throws IOException {
        return map(offset, Math.min(max, Math.max(0, size - offset)), what);
    }

    /** Copies [offset, offset + length) onto the heap, charged to {@code budget}. */
    ByteBuffer copy(long offset, long length, CopyBudget budget, String what) throws IOException {
        ByteBuffer src = map(offset, length, what);
        budget.take(length, what);
        ByteBuffer dst = ByteBuffer.allocate((int) length);
        dst.put(src).flip();
        return dst.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
