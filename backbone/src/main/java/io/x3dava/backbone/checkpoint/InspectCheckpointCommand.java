package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code x3d-ava inspect-checkpoint}: the tensors of a checkpoint, read safely (nothing in the file is executed). */
@Command(name = "inspect-checkpoint", mixinStandardHelpOptions = true,
        description = "List the tensors (name, dtype, shape) and the total parameter count of a checkpoint:"
                + " .pyth/.pt (torch zip or legacy format), .npz or .safetensors, detected from the content.")
public final class InspectCheckpointCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the checkpoint file, or a checkpoint folder "
            + "(epoch_NNNN/, its model.safetensors)")
    Path file;

    @Override
    public Integer call() throws IOException {
        Path weights = file;
        if (java.nio.file.Files.isDirectory(file)) {
            weights = file.resolve("model.safetensors");
            if (!java.nio.file.Files.isRegularFile(weights)) {
                throw new IOException(file + ": expected a checkpoint file or a checkpoint folder holding "
                        + "model.safetensors");
            }
        }
        LinkedHashMap<String, TensorData> tensors = Checkpoints.readStateDict(weights);
        int width = tensors.keySet().stream().mapToInt(String::length).max().orElse(4);
        PrintWriter out = new PrintWriter(System.out, false);
        long total = 0;
        for (TensorData t : tensors.values()) {
            out.printf("%-" + width + "s  %-8s  %s%n", t.name(), t.dtype(), Arrays.toString(t.shape()));
            total += t.numel();
        }
        out.printf("%d tensors, %,d parameters in total (every element, buffers included)%n", tensors.size(), total);
        out.flush();
        return 0;
    }
}
