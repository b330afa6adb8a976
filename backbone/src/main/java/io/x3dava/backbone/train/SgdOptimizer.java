package io.x3dava.backbone.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * torch.optim.SGD, step for step: d = g + wd * p; b = momentum * b + (1 - dampening) * d (b = d on the first step);
 * d = d + momentum * b with Nesterov, else b; p -= lr * d. DJL's own SGD puts the learning rate inside the momentum
 * buffer, which changes the trajectory whenever the rate changes (warm-up, cosine), hence this class.
 */
public final class SgdOptimizer implements AutoCloseable {

    private final SgdConfig config;
    private final Map<String, Parameter> params;
    private final Set<String> noDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray> momentum = new LinkedHashMap<>();

    /**
     * @param params trainable parameters by name (those that do not require gradients are ignored)
     * @param noDecay names that get no weight decay (BatchNorm gamma/beta)
     */
    public SgdOptimizer(SgdConfig config, Map<String, Parameter> params, Set<String> noDecay, NDManager manager) {
        this.config = config;
        this.params = new LinkedHashMap<>();
        params.forEach((k, p) -> {
            if (p.requiresGradient()) {
                this.params.put(k, p);
            }
        });
        this.noDecay = Set.copyOf(noDecay);
        this.stateManager = manager.newSubManager();
    }

    /** Applies one update with learning rate {@code lr} and clears the gradients. */
    public void step(double lr) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray p = e.getValue().getArray();
            try (NDArray g = p.getGradient(); NDManager scope = stateManager.newSubManager()) {
                NDArray d = g.duplicate();
                d.attach(scope);
                double wd = noDecay.contains(e.getKey()) ? 0 : config.weightDecay();
                if (wd != 0) {
                    NDArray decay = p.mul(wd);
                    decay.attach(scope);
                    d.addi(decay);
                }
                if (config.momentum() != 0) {
                    NDArray buf = momentum.get(e.getKey());
                    if (buf == null) {
                        buf = d.duplicate();
                        buf.attach(stateManager);
                        momentum.put(e.getKey(), buf);
                    } else {
                        buf.muli(config.momentum());
                        if (config.dampening() != 0) {
                            d.muli(1 - config.dampening());
                        }
                        buf.addi(d);
                    }
                    if (config.nesterov()) {
                        NDArray nb = buf.mul(config.momentum());
                        nb.attach(scope);
                        d.addi(nb);
                    } else {
                        d.close();
                        d = buf.duplicate();
                        d.attach(scope);
                    }
                }
                d.muli(lr);
                p.subi(d);
                g.set(new NDIndex(":"), 0); // zero_grad (full-slice fill also clears NaN)
            }
        }
    }

    /** Momentum buffers by parameter name, for checkpoints. */
    public Map<String, NDArray> state() {
        return Map.copyOf(momentum);
    }

    /** Restores momentum buffers saved by {@link #state()} (values are copied). */
    public void load(Map<String, float[]> buffers) {
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            Parameter p = params.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("optimizer state for unknown parameter " + e.getKey());
            }
            NDArray buf = stateManager.create(e.getValue(), p.getArray().getShape());
            NDArray old = momentum.put(e.getKey(), buf);
            if (old != null) {
                old.close();
            }
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
