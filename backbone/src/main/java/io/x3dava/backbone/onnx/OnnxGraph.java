package io.x3dava.backbone.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import ai.onnx.proto.OnnxMl;

import com.google.protobuf.ByteString;

import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph under construction, written with ONNX's own protobuf classes (onnx.proto as compiled in Tribuo's
 * tribuo-util-onnx): standard operators of the default domain only, initialisers under the names the caller gives
 * (the networks use their PySlowFast state-dict keys), inputs with symbolic dimensions where a size is free.
 * {@link #model} adds the opset import and the metadata_props.
 */
public final class OnnxGraph {

    /** The lowest opset the exports use: RoiAlign's coordinate_transformation_mode (half_pixel) came with 16. */
    public static final int MIN_OPSET = 16;
    /** The highest opset written (ONNX 1.16); 17 is the default, what Debian's onnx checker still knows. */
    public static final int MAX_OPSET = 21;
    public static final int DEFAULT_OPSET = 17;

    private final int opset;
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    /** Value names taken, and per hint the next suffix {@link #fresh} tries. */
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> next = new HashMap<>();

    /** A dimension of a graph input or output: a fixed size or a named free one. */
    public record Dim(long size, String name) {
        public static Dim of(long size) {
            return new Dim(size, null);
        }

        public static Dim free(String name) {
            return new Dim(-1, name);
        }
    }

    public OnnxGraph(String name, int opset) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("--opset must be in " + MIN_OPSET + ".." + MAX_OPSET + " (RoiAlign's"
                    + " half_pixel mode needs 16), got " + opset);
        }
        this.opset = opset;
        graph.setName(name);
    }

    public int opset() {
        return opset;
    }

    /** A float32 graph input. */
    public String input(String name, Dim... dims) {
        graph.addInput(valueInfo(reserve(name), dims));
        return name;
    }

    /** Marks {@code value} as a float32 graph output. */
    public void output(String value, Dim... dims) {
        graph.addOutput(valueInfo(value, dims));
    }

    /** A float32 initialiser holding {@code array}'s values with its shape, named {@code name}. */
    public String initializer(String name, NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(name + ": float32 expected, got " + array.getDataType());
        }
        return floats(reserve(name), array.toFloatArray(), array.getShape().getShape());
    }

    /** A float32 initialiser of the given values and shape, under a name already reserved. */
    private String floats(String name, float[] values, long... shape) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, raw, shape);
    }

    /** An int64 constant (shapes, axes, indices), under a fresh name derived from {@code hint}. */
    public String longs(String hint, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(fresh(hint), OnnxMl.TensorProto.DataType.INT64, raw, values.length);
    }

    private String tensor(String name, OnnxMl.TensorProto.DataType type, ByteBuffer raw, long... shape) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Starts a node of a default-domain operator; {@link Node#out} adds it and names its output. */
    public Node node(String opType, String... inputs) {
        return new Node(opType, inputs);
    }

    /**
     * ReduceMean / ReduceMax / ... over {@code axes}: an attribute up to opset 17, an input from 18 on (where the
     * operators changed).
     */
    public String reduce(String opType, String x, boolean keepDims, long... axes) {
        Node n = opset >= 18 ? node(opType, x, longs("axes", axes)) : node(opType, x).ints("axes", axes);
        return n.integer("keepdims", keepDims ? 1 : 0).out(opType.toLowerCase(java.util.Locale.ROOT));
    }

    /** A unique value name starting with {@code hint}, reserved. */
    public String fresh(String hint) {
        String name = hint;
        for (int n = next.getOrDefault(hint, 0); !used.add(name); n++) {
            name = hint + "_" + n;
            next.put(hint, n + 1);
        }
        return name;
    }

    /** Reserves an exact name (inputs, outputs, initialisers named after state-dict keys). */
    private String reserve(String name) {
        if (!used.add(name)) {
            throw new IllegalArgumentException("two values named " + name);
        }
        return name;
    }

    /** The model: this graph, the opset import, producer and {@code metadata} (metadata_props, in order). */
    public OnnxMl.ModelProto model(String producer, String version, Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(irVersion(opset))
                .setProducerName(producer).setProducerVersion(version).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        metadata.forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k)
                .setValue(v)));
        return m.build();
    }

    /** The IR version of the ONNX release that introduced {@code opset} (17: 1.12, IR 8; 19: 1.14, IR 9; 21: IR 10). */
    static long irVersion(int opset) {
        return opset <= 17 ? 8 : opset <= 20 ? 9 : 10;
    }

    /** Writes {@code model} atomically (temporary file, then rename). */
    public static void write(OnnxMl.ModelProto model, Path file) throws IOException {
        AtomicFiles.write(file, model::writeTo);
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, Dim... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Dim d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder b = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            shape.addDim(d.name() == null ? b.setDimValue(d.size()) : b.setDimParam(d.name()));
        }
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** A node being described: attributes, then {@link #out}. */
    public final class Node {
        private final OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder();

        private Node(String opType, String... inputs) {
            b.setOpType(opType);
            for (String in : inputs) {
                b.addInput(in);
            }
        }

        public Node integer(String name, long value) {
            b.addAttribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value));
            return this;
        }

        public Node real(String name, float value) {
            b.addAttribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value));
            return this;
        }

        public Node text(String name, String value) {
            b.addAttribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
            return this;
        }

        public Node ints(String name, long... values) {
            OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            b.addAttribute(a);
            return this;
        }

        /** Adds the node with one output named after {@code hint} (made unique); returns that name. */
        public String out(String hint) {
            String name = fresh(hint);
            b.addOutput(name).setName(name);
            graph.addNode(b);
            return name;
        }

        /** Adds the node with one output of exactly this name (a graph output). */
        public String outNamed(String name) {
            reserve(name);
            b.addOutput(name).setName(name);
            graph.addNode(b);
            return name;
        }
    }
}
