package io.x3dava.viewer.detect;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop: the run finishes the frame in hand, closes every output and exits
 * with 128 + the signal number (130, 143), as a shell expects. A second signal ends the process at once.
 *
 * <p>Signals are caught through {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17), looked up
 * reflectively because javac has no switch to silence its "internal proprietary API" warning, which -Werror turns
 * into an error. Where it is missing the JVM's default applies (exit at once; outputs hold what was flushed).
 */
final class StopSignals implements BooleanSupplier, AutoCloseable {
    /** A signal that arrived: its name and the exit code it asks for. */
    record Received(String name, int exitCode) {
    }

    private static final String[][] SIGNALS = {{"INT", "130"}, {"TERM", "143"}};

    private final PrintStream err;
    private final List<Object[]> previous = new ArrayList<>();
    private volatile Received received;

    private StopSignals(PrintStream err) {
        this.err = err;
    }

    /** Never set: a run in a cluster task, which the engine stops by ending its executor. */
    static StopSignals none() {
        return new StopSignals(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Installs the handlers (until {@link #close}). */
    static StopSignals install(PrintStream err) {
        StopSignals s = new StopSignals(err);
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handler);
            for (String[] sig : SIGNALS) {
                Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                        s.handlerFor(sig[0], Integer.parseInt(sig[1])));
                Object sigObj = signal.getConstructor(String.class).newInstance(sig[0]);
                s.previous.add(new Object[] {sigObj, handle.invoke(null, sigObj, h)});
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            err.println("detect-video: cannot catch Ctrl-C here (" + e + "); a stop ends the run at once,"
                    + " the outputs keep what was flushed");
        }
        return s;
    }

    private InvocationHandler handlerFor(String name, int code) {
        return (proxy, method, args) -> {
            switch (method.getName()) {
                case "handle" -> {
                    if (received != null) {
                        err.println("\ndetect-video: second SIG" + name + ": exiting now");
                        Runtime.getRuntime().halt(code);
                    }
                    received = new Received("SIG" + name, code);
                    err.println("\ndetect-video: SIG" + name + " received: finishing the current frame and closing the"
                            + " outputs (send it again to exit at once)");
                    return null;
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "StopSignals handler for SIG" + name;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        };
    }

    /** True once a signal arrived. */
    @Override
    public boolean getAsBoolean() {
        return received != null;
    }

    /** The signal that arrived, or null. */
    Received received() {
        return received;
    }

    /** Puts the earlier handlers back. */
    @Override
    public void close() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handler);
            for (Object[] p : previous) {
                handle.invoke(null, p[0], p[1]);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the process ends soon after; the JVM's handlers matter only to tests that run on
        }
        previous.clear();
    }
}
