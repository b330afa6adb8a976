package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * The TorchScript source of a folded X3D trunk, written from the network's own description, and the weights it reads
 * ({@code w[i]} in the source is {@code weights().get(i)}). Methods: {@code res5(x, w)}; {@code forward(x, w)}, res5
 * or, with conv5, ReLU(conv5(res5)).
 *
 * <p>Why TorchScript: the same ops issued one by one through DJL's JNI ran X3D-XS at batch 1 about 10% slower than
 * the frozen reference trace (0.90 against 0.99 in one process, interleaved; 69 page faults per pass against 7): every
 * op crossed JNI, built Java wrappers and went through autograd's dispatch. libtorch's interpreter runs the whole
 * trunk in one call, frees each value after its last use, and lets the activations be updated in place (ReLU, SiLU,
 * the SE scaling and the residual sum), which the eager DJL API cannot express without extra calls.
 */
record X3DScript(String source, List<NDArray> weights) {

    static final String CLASS_NAME = "X3D";

    static X3DScript of(FoldedConv stemXy, FoldedConv stemT, List<FoldedBlock> blocks, FoldedConv conv5) {
        Writer out = new Writer();
        out.code.append("class ").append(CLASS_NAME).append("(Module):\n  __parameters__ = []\n  __buffers__ = []\n");
        out.method("res5");
        String x = out.relu(out.conv(stemT, out.conv(stemXy, "x")));
        for (FoldedBlock b : blocks) {
            x = out.block(b, x);
        }
        out.ret(x);
        out.method("forward");
        x = out.let("self.res5(x, w)");
        out.ret(conv5 == null ? x : out.relu(out.conv(conv5, x)));
        // a 1x1x1 convolution: at batch > 1 one broadcast matrix product, because libtorch's slow_conv3d (which serves
        // 1x1x1 kernels on the CPU) goes sample by sample through a column buffer: 2.6 against 1.5 ms at batch 8
        // (X3D-XS, 54 -> 24 channels, 4x40x40); at batch 1 the convolution is as fast
        out.code.append("""
                  def pointwise(self: __torch__.X3D, x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
                    if torch.size(x, 0) == 1:
                      return torch.conv3d(x, weight, bias)
                    y = torch.matmul(torch.flatten(weight, 1), torch.flatten(x, 2))
                    y = torch.add_(y, torch.unsqueeze(bias, 1))
                    n = torch.size(x, 0)
                    c = torch.size(weight, 0)
                    return torch.view(y, [n, c, torch.size(x, 2), torch.size(x, 3), torch.size(x, 4)])
                """);
        return new X3DScript(out.code.toString(), List.copyOf(out.weights));
    }

    /** Appends source lines; each value gets a fresh name. */
    private static final class Writer {
        private final StringBuilder code = new StringBuilder();
        private final List<NDArray> weights = new ArrayList<>();
        private int values;

        void method(String name) {
            code.append("  def ").append(name).append("(self: __torch__.").append(CLASS_NAME)
                    .append(", x: Tensor, w: List[Tensor]) -> Tensor:\n");
        }

        void ret(String value) {
            code.append("    return ").append(value).append('\n');
        }

        String let(String expression) {
            String name = "v" + (++values);
            code.append("    ").append(name).append(" = ").append(expression).append('\n');
            return name;
        }

        String block(FoldedBlock b, String x) {
            String u = conv(b.b(), relu(conv(b.a(), x)));
            if (b.se() != null) {
                FoldedBlock.Se se = b.se();
                String mean = let("torch.mean(" + u + ", [2, 3, 4])");
                String h = let("torch.relu_(torch.linear(" + mean + ", " + w(se.w1()) + ", " + w(se.b1()) + "))");
                String g = let("torch.sigmoid_(torch.linear(" + h + ", " + w(se.w2()) + ", " + w(se.b2()) + "))");
                u = let("torch.mul_(" + u + ", torch.view(" + g + ", [-1, " + se.w2().getShape().get(0)
                        + ", 1, 1, 1]))");
            }
            String f = conv(b.c(), let("torch.silu_(" + u + ")")); // Swish
            String shortcut = b.branch1() == null ? x : conv(b.branch1(), x);
            return relu(let("torch.add_(" + f + ", " + shortcut + ")"));
        }

        String relu(String x) {
            return let("torch.relu_(" + x + ")");
        }

        String conv(FoldedConv c, String x) {
            if (c.isPointwise() && c.bias() != null) {
                return let("self.pointwise(" + x + ", " + w(c.weight()) + ", " + w(c.bias()) + ")");
            }
            return let("torch.conv3d(" + x + ", " + w(c.weight()) + ", " + (c.bias() == null ? "None" : w(c.bias()))
                    + ", " + ints(c.stride()) + ", " + ints(c.padding()) + ", [1, 1, 1], " + c.groups() + ")");
        }

        private String w(NDArray weight) {
            weights.add(weight);
            return "w[" + (weights.size() - 1) + "]";
        }

        private static String ints(Shape s) {
            return "[" + s.get(0) + ", " + s.get(1) + ", " + s.get(2) + "]";
        }
    }
}
