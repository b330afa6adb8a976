package io.x3dava.annotations;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a file in a folder, naming its holder (PID, host, start time) for the one that is refused. The
 * operating system drops the lock when the holder dies, so a killed run never leaves a folder locked.
 */
public final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir/name} (creating it), or fails naming the holder: {@code DIR: another run is using this folder
     * (HOLDER); ADVICE}.
     */
    public static FolderLock take(Path dir, String name, String advice) throws IOException {
        Path file = dir.resolve(name);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this very JVM (another run started in the same process)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            String holder = holder(ch);
            ch.close();
            throw new IOException(dir + ": another run is using this folder (" + holder + "); " + advice);
        }
        String me = "PID " + ProcessHandle.current().pid() + " on " + host() + ", started " + Instant.ofEpochMilli(
                ManagementFactory.getRuntimeMXBean().getStartTime());
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new FolderLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            int n = ch.read(buf, 0);
            String s = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "holder unknown" : s;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
