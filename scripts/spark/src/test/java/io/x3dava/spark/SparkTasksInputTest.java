package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.cluster.ClusterSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Bad --master values end in one line before Spark starts. */
class SparkTasksInputTest {

    @Test
    void masterAddresses() {
        assertEquals(new MasterAddress("10.0.0.5", 7078), MasterAddress.of("spark://10.0.0.5:7078"));
        assertEquals(new MasterAddress("h", 7077), MasterAddress.of("spark://h"));
        assertNull(MasterAddress.of("local[2]"));
        assertNull(MasterAddress.of("spark://a:7077,b:7077"), "standby masters: Spark tries them");
        assertThrows(IllegalArgumentException.class, () -> MasterAddress.of("spark://h:port"));
    }

    @Test
    void anUnreachableMasterIsOneLineAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String master = "spark://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> new SparkTasks().map(
                new ClusterSettings(master, "test", 10), List.of(1), (t, cpus) -> t));
        assertTrue(e.getMessage().startsWith("--master " + master + ": no Spark master answers there"),
                e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "within the connect timeout");
    }

    @Test
    void anUnknownMasterUrlIsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkTasks().map(
                new ClusterSettings("bogus", "test", 10), List.of(1), (t, cpus) -> t));
        assertTrue(e.getMessage().contains("expected local[N], spark://HOST:PORT"), e.getMessage());
    }
}
