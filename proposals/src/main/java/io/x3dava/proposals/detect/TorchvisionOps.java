package io.x3dava.proposals.detect;

import ai.djl.engine.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * torchvision's native operators (torchvision::nms, roi_align...) for scripted torchvision detectors. Plain libtorch
 * does not register them; DJL loads extra native libraries named by {@code PYTORCH_EXTRA_LIBRARY_PATH} (environment
 * or system property) when its PyTorch engine starts, after libtorch, which is what torchvision's library needs.
 */
public final class TorchvisionOps {
    public static final String EXTRA_LIBRARY = "PYTORCH_EXTRA_LIBRARY_PATH";
    private static final Pattern UNKNOWN_OP = Pattern.compile("Unknown builtin op: (torchvision::\\w+)");

    private TorchvisionOps() {
    }

    /** Registers the library: through DJL's setting if the engine has not started yet, else loaded directly. */
    public static void load(Path library) throws IOException {
        if (!Files.isRegularFile(library)) {
            throw new IOException(library + ": torchvision library not found (expected libtorchvision.so built for"
                    + " libtorch " + "2.7.1)");
        }
        String abs = library.toAbsolutePath().toString();
        System.setProperty(EXTRA_LIBRARY, abs);
        Engine.getEngine("PyTorch"); // starts the engine (loading the library) if it has not started
        try {
            System.load(abs); // no-op when the engine loaded it; registers it when the engine started earlier
        } catch (UnsatisfiedLinkError e) {
            throw new IOException(library + ": cannot load as torchvision's operator library: " + e.getMessage(), e);
        }
    }

    /**
     * The missing torchvision operator named anywhere in the cause chain ("torchvision::nms"), or null.
     */
    public static String missingOperator(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                Matcher m = UNKNOWN_OP.matcher(c.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** The one line a user gets for a scripted torchvision model without the operators. */
    public static String missingOperatorMessage(Path model, String operator) {
        return model + ": the model calls " + operator + ", which libtorch alone does not provide; either give"
                + " torchvision's native library built for libtorch 2.7.1 (--torchvision-lib FILE or "
                + EXTRA_LIBRARY + "=FILE), or export the model without torchvision operators (return the raw boxes, scores and labels"
                + " before torchvision.ops.nms) and this program runs NMS in Java";
    }
}
