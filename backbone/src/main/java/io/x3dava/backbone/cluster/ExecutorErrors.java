package io.x3dava.backbone.cluster;

import io.x3dava.annotations.command.UserErrors;

import java.io.IOException;
import java.net.InetAddress;

/** Bad input met on an executor, said as one line that names the machine (the driver prints it). */
public final class ExecutorErrors {

    private ExecutorErrors() {
    }

    /** {@code executor on HOST: what was wrong}, as an I/O error (bad input, exit 2 on the driver). */
    public static IOException badInput(Exception e) {
        return new IOException("executor on " + host() + ": " + UserErrors.message(e), e);
    }

    /** {@code executor on HOST: message}, as an I/O error. */
    public static IOException badInput(String message) {
        return new IOException("executor on " + host() + ": " + message);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown host)";
        }
    }
}
