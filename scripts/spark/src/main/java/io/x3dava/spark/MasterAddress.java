package io.x3dava.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * A standalone master URL ({@code spark://host:port}) and the check that something listens there: Spark itself would
 * retry an unreachable master for a minute before giving up.
 */
record MasterAddress(String host, int port) {

    /** The address of a {@code spark://} URL; null for the other masters (local, yarn, k8s), which Spark checks. */
    static MasterAddress of(String master) {
        if (!master.toLowerCase(Locale.ROOT).startsWith("spark://")) {
            return null;
        }
        String hostPort = master.substring("spark://".length());
        if (hostPort.contains(",")) {
            return null; // several masters (ZooKeeper standby masters): Spark tries them in turn
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return new MasterAddress(hostPort, 7077); // Spark's default port
        }
        try {
            return new MasterAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--master " + master + ": expected spark://HOST:PORT");
        }
    }

    /** Connects once (within {@code timeoutMillis}); unreachable: an I/O error naming the master. */
    void requireReachable(int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (IOException e) {
            throw new IOException("--master spark://" + host + ":" + port + ": no Spark master answers there ("
                    + e.getMessage() + "); start one with scripts/spark-cluster start", e);
        }
    }

    /** Whether the master is on this machine's loopback (then the driver listens there too). */
    boolean loopback() {
        return host.equals("127.0.0.1") || host.equals("localhost");
    }
}
