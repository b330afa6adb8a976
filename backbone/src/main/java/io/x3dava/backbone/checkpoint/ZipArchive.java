package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Bounded access to the entries of a zip file (torch zip checkpoints and .npz), stored or deflated. ZipFile parses
 * the central directory (zip64 included) and streams entries, so nothing is read whole into the heap except the
 * entries asked for; their declared sizes are checked first and every byte read is charged to a {@link CopyBudget}.
 */
final class ZipArchive implements AutoCloseable {
    private final Path file;
    private final ZipFile zip;
    private final long fileSize;

    ZipArchive(Path file, long fileSize) throws IOException {
        this.file = file;
        this.fileSize = fileSize;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CheckpointFormatException(file, "not a readable zip archive (" + e.getMessage() + ")");
        }
    }

    /** Entry names in central-directory order. */
    List<String> names() throws CheckpointFormatException {
        List<String> names = new ArrayList<>();
        try {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                names.add(en.nextElement().getName());
            }
        } catch (RuntimeException e) {
            throw new CheckpointFormatException(file, "corrupt zip central directory (" + e.getMessage() + ")");
        }
        return names;
    }

    boolean contains(String name) {
        return zip.getEntry(name) != null;
    }

    /**
     * The whole entry; {@code expectedSize} (or -1 for any) must equal its declared size. Stored entries cannot be
     * larger than the file; deflated ones are limited by the budget.
     */
    ByteBuffer read(String name, long expectedSize, CopyBudget budget) throws CheckpointFormatException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new CheckpointFormatException(file, "zip entry '" + name + "' is missing");
        }
        long size = e.getSize();
        if (size < 0) {
            throw new CheckpointFormatException(file, "zip entry '" + name + "' has no declared size");
        }
        if (expectedSize >= 0 && size != expectedSize) {
            throw new CheckpointFormatException(file, "zip entry '" + name + "' has " + size
                    + " bytes, expected " + expectedSize);
        }
        if (e.getMethod() == ZipEntry.STORED && size > fileSize) {
            throw new CheckpointFormatException(file, "zip entry '" + name + "' declares " + size
                    + " bytes, more than the whole file");
        }
        if (size > TensorViews.MAX_TENSOR_BYTES) {
            throw new CheckpointFormatException(file, "zip entry '" + name + "' of " + size
                    + " bytes is larger than 2 GiB, which is not supported");
        }
        budget.take(size, "zip entry '" + name + "'");
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readNBytes((int) size); // grows with the data actually present, not the declared size
            if (data.length != size) {
                throw new CheckpointFormatException(file, "zip entry '" + name + "' ends after " + data.length
                        + " of " + size + " bytes (truncated?)");
            }
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        } catch (CheckpointFormatException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new CheckpointFormatException(file, "cannot read zip entry '" + name + "' (" + ex.getMessage() + ")");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
