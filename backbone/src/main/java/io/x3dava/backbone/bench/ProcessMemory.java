package io.x3dava.backbone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident set size, its peak and the minor page-fault count of this process from /proc/self (Linux); native (PyTorch)
 * memory included. Every reading is -1 where /proc is unavailable.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** VmRSS in KiB. */
    public static long residentKiB() {
        return statusField("VmRSS:");
    }

    /** VmHWM, the peak resident set since start or since the last {@link #resetPeak()}, in KiB. */
    public static long peakResidentKiB() {
        return statusField("VmHWM:");
    }

    /**
     * Resets VmHWM to the current RSS (writing 5 to /proc/self/clear_refs, Linux 4.0+), so that the next
     * {@link #peakResidentKiB()} covers only what ran in between. False when the kernel refused.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Minor page faults so far (field 10 of /proc/self/stat): each is a page the allocator got fresh from the OS. */
    public static long minorFaults() {
        try {
            String stat = Files.readString(STAT);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[7]); // fields 3.. start at index 0: minflt is field 10
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
