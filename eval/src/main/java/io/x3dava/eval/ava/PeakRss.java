package io.x3dava.eval.ava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident memory (Linux /proc/self/status VmHWM), resettable between phases. */
final class PeakRss {
    private PeakRss() {}

    /** VmHWM in KiB, -1 where /proc is not available. */
    static long kib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Resets the peak to the current RSS ("5" to clear_refs, Linux 4.0+); false if not possible. */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
