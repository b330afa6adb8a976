package io.x3dava.detector;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command prints on stdout while a test runs it, also passed on to the real stdout for the test's log. */
public final class StdoutCapture {

    private StdoutCapture() {
    }

    /** Code that prints. */
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} and returns what it printed. */
    public static String captured(Body body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        old.print(s);
        return s;
    }
}
