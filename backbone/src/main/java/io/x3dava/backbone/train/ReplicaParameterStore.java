package io.x3dava.backbone.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data parallelism over several devices: replica k of every parameter lives on device k (replica 0 is the parameter's
 * own array on the first device). Blocks read parameters through {@link #getValue}, which hands out the replica of the
 * shard being computed. After the shards' backward passes, the gradients are summed into the first device's parameters
 * (the optimizer updates those), and every replica is then overwritten with the updated values, BN statistics
 * included (as DistributedDataParallel broadcasts rank 0's buffers).
 */
public final class ReplicaParameterStore extends ParameterStore implements AutoCloseable {

    private final List<Device> devices;
    private final Map<String, Parameter> params;
    private final List<Map<String, NDArray>> replicas = new ArrayList<>();
    private final List<NDManager> managers = new ArrayList<>();
    private int current;

    public ReplicaParameterStore(NDManager manager, Map<String, Parameter> params, List<Device> devices) {
        super(manager, false);
        this.devices = List.copyOf(devices);
        this.params = params;
        for (int k = 0; k < devices.size(); k++) {
            Map<String, NDArray> r = new LinkedHashMap<>();
            if (k == 0) {
                params.forEach((key, p) -> r.put(p.getId(), p.getArray()));
                managers.add(null);
            } else {
                Device device = devices.get(k);
                NDManager m = NDManager.newBaseManager(device);
                managers.add(m);
                params.forEach((key, p) -> {
                    // A separate leaf tensor even when the device is the first one's (tests replicate on the CPU).
                    NDArray copy;
                    try (NDArray detached = p.getArray().stopGradient()) {
                        copy = device.equals(devices.get(0)) ? detached.duplicate() : detached.toDevice(device, true);
                    }
                    copy.attach(m);
                    if (p.requiresGradient()) {
                        copy.setRequiresGradient(true);
                    }
                    r.put(p.getId(), copy);
                });
            }
            replicas.add(r);
        }
    }

    public int size() {
        return devices.size();
    }

    public Device device(int shard) {
        return devices.get(shard);
    }

    /** The shard whose forward pass runs next. */
    public void use(int shard) {
        current = shard;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null; // an absent optional parameter (a convolution without bias), as DJL's own store answers
        }
        NDArray a = replicas.get(current).get(parameter.getId());
        if (a == null) {
            throw new IllegalStateException("parameter " + parameter.getName() + " is not replicated");
        }
        return a;
    }

    /** Adds every replica's gradient into the first device's gradient and clears the replica's. */
    public void reduceGradients() {
        if (replicas.size() == 1) {
            return;
        }
        for (Parameter p : params.values()) {
            if (!p.requiresGradient()) {
                continue;
            }
            try (NDArray master = p.getArray().getGradient()) {
                for (int k = 1; k < replicas.size(); k++) {
                    try (NDArray g = replicas.get(k).get(p.getId()).getGradient();
                         NDArray onMaster = g.toDevice(devices.get(0), true)) {
                        master.addi(onMaster);
                        g.set(new NDIndex(":"), 0);
                    }
                }
            }
        }
    }

    /** Copies the first device's parameters and BN statistics into every replica. */
    public void broadcast() {
        if (replicas.size() == 1) {
            return;
        }
        for (Parameter p : params.values()) {
            for (int k = 1; k < replicas.size(); k++) {
                NDArray replica = replicas.get(k).get(p.getId());
                try (NDArray copy = p.getArray().toDevice(devices.get(k), true)) {
                    replica.set(new NDIndex(":"), copy);
                }
            }
        }
    }

    @Override
    public void close() {
        for (NDManager m : managers) {
            if (m != null) {
                m.close();
            }
        }
    }
}
