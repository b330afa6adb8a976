package io.x3dava.backbone.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * ONNX's own model checker ({@code onnx.checker.check_model} with full_check, i.e. with shape inference) run on a
 * file through Debian's {@code /usr/bin/python3} with {@code python3-onnx}, for the tests: a reference check where that
 * package is installed, never something the project needs.
 */
public final class OnnxChecker {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = "import sys\n"
            + "try:\n  import onnx\nexcept ImportError:\n  print('python3-onnx is not installed'); sys.exit(3)\n"
            + "onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)\n"
            + "print('onnx ' + onnx.__version__ + ': check_model passed')\n";

    /**
     * @param ran whether the checker could run (false: no python3 or no onnx module)
     * @param passed whether it accepted the model
     * @param message its output, or why it did not run
     */
    public record Result(boolean ran, boolean passed, String message) {
    }

    private OnnxChecker() {
    }

    public static Result check(Path model) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return new Result(false, false, "SKIPPED: onnx.checker: " + PYTHON + " is absent (apt-get install"
                    + " python3-onnx)");
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, model.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(true, false, "onnx.checker did not finish in 120 s");
        }
        if (p.exitValue() == 3) {
            return new Result(false, false, "SKIPPED: onnx.checker: " + out + " (apt-get install python3-onnx)");
        }
        return new Result(true, p.exitValue() == 0, out);
    }
}
