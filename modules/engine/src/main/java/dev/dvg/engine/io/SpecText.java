package dev.dvg.engine.io;

import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict, line-oriented text encoding of a {@link NetworkSpec} (the engine has no JSON
 * library). Example:
 *
 * <pre>
 *   dvg-network-spec 1
 *   input 1 28 28
 *   layer conv2d filters=8 kernelH=5 kernelW=5 stride=1 init=uniform_fan
 *   layer activation kind=RELU
 *   layer maxpool2d size=2 stride=2
 *   layer flatten
 *   layer dense units=10 init=normal:0.1
 *   loss SOFTMAX_CE
 *   l2 1.0E-6
 *   end
 * </pre>
 *
 * Lines appear in exactly this order (one {@code layer} line per layer, at least one); keys appear
 * in the order shown; numbers are Java's {@code Integer}/{@code Double} text, so doubles round-trip
 * exactly. Init kinds: {@code normal:<scale>}, {@code uniform_fan}, {@code xavier},
 * {@code xavier_uniform}, {@code he}, {@code he_uniform}. Anything else is rejected with the line
 * number and what was expected.
 */
public final class SpecText {

    static final String HEADER = "dvg-network-spec 1";

    private SpecText() {
    }

    public static String encode(NetworkSpec spec) {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append("input");
        for (int d : spec.inputShape()) {
            b.append(' ').append(d);
        }
        b.append('\n');
        for (LayerSpec l : spec.layers()) {
            b.append("layer ").append(encode(l)).append('\n');
        }
        b.append("loss ").append(spec.loss().name()).append('\n');
        b.append("l2 ").append(Double.toString(spec.l2())).append('\n');
        b.append("end\n");
        return b.toString();
    }

    private static String encode(LayerSpec l) {
        if (l instanceof DenseSpec d) {
            return "dense units=" + d.units() + " init=" + encode(d.init());
        } else if (l instanceof Conv2dSpec c) {
            return "conv2d filters=" + c.filters() + " kernelH=" + c.kernelH() + " kernelW=" + c.kernelW()
                    + " stride=" + c.stride() + " init=" + encode(c.init());
        } else if (l instanceof MaxPool2dSpec p) {
            return "maxpool2d size=" + p.size() + " stride=" + p.stride();
        } else if (l instanceof FlattenSpec) {
            return "flatten";
        }
        return "activation kind=" + ((ActivationSpec) l).kind().name();
    }

    private static String encode(InitSpec i) {
        if (i instanceof InitSpec.Normal n) {
            return "normal:" + Double.toString(n.scale());
        } else if (i instanceof InitSpec.UniformFan) {
            return "uniform_fan";
        } else if (i instanceof InitSpec.Xavier) {
            return "xavier";
        } else if (i instanceof InitSpec.XavierUniform) {
            return "xavier_uniform";
        } else if (i instanceof InitSpec.He) {
            return "he";
        }
        return "he_uniform";
    }

    /** Parses {@link #encode} output; {@code source} names the origin in error messages. */
    public static NetworkSpec decode(String text, String source) {
        String[] lines = text.split("\n", -1);
        Cursor c = new Cursor(lines, source);
        c.expectExact(HEADER);
        String[] input = c.words("input");
        int[] shape = new int[input.length - 1];
        if (shape.length != 1 && shape.length != 3) {
            throw c.error("expected 'input D' or 'input C H W'");
        }
        for (int i = 0; i < shape.length; i++) {
            shape[i] = c.parseInt(input[i + 1], "input dimension");
        }
        List<LayerSpec> layers = new ArrayList<>();
        while (c.peekStartsWith("layer ")) {
            layers.add(layer(c, c.words("layer")));
        }
        if (layers.isEmpty()) {
            throw c.error("expected at least one 'layer ...' line");
        }
        String[] loss = c.words("loss");
        if (loss.length != 2) {
            throw c.error("expected 'loss <BCE_SIGMOID|SOFTMAX_CE|MSE>'");
        }
        LossKind kind = c.parseEnum(LossKind.class, loss[1], "loss");
        String[] l2 = c.words("l2");
        if (l2.length != 2) {
            throw c.error("expected 'l2 <number>'");
        }
        double lambda = c.parseDouble(l2[1], "l2");
        c.expectExact("end");
        c.expectRestBlank();
        try {
            return new NetworkSpec(shape, layers, kind, lambda);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid network spec: " + e.getMessage(), e);
        }
    }

    private static LayerSpec layer(Cursor c, String[] w) {
        if (w.length < 2) {
            throw c.error("expected 'layer <dense|conv2d|maxpool2d|flatten|activation> ...'");
        }
        try {
            switch (w[1]) {
                case "dense" -> {
                    c.keys(w, "units", "init");
                    return new DenseSpec(c.parseInt(c.value(w[2]), "units"), init(c, c.value(w[3])));
                }
                case "conv2d" -> {
                    c.keys(w, "filters", "kernelH", "kernelW", "stride", "init");
                    return new Conv2dSpec(c.parseInt(c.value(w[2]), "filters"), c.parseInt(c.value(w[3]), "kernelH"),
                            c.parseInt(c.value(w[4]), "kernelW"), c.parseInt(c.value(w[5]), "stride"),
                            init(c, c.value(w[6])));
                }
                case "maxpool2d" -> {
                    c.keys(w, "size", "stride");
                    return new MaxPool2dSpec(c.parseInt(c.value(w[2]), "size"), c.parseInt(c.value(w[3]), "stride"));
                }
                case "flatten" -> {
                    c.keys(w);
                    return new FlattenSpec();
                }
                case "activation" -> {
                    c.keys(w, "kind");
                    return new ActivationSpec(c.parseEnum(Activation.class, c.value(w[2]), "activation kind"));
                }
                default -> throw c.error("unknown layer type '" + w[1]
                        + "', expected dense, conv2d, maxpool2d, flatten or activation");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(c.source)) {
                throw e;
            }
            throw c.error(e.getMessage());
        }
    }

    private static InitSpec init(Cursor c, String v) {
        if (v.startsWith("normal:")) {
            return new InitSpec.Normal(c.parseDouble(v.substring("normal:".length()), "normal scale"));
        }
        return switch (v) {
            case "uniform_fan" -> new InitSpec.UniformFan();
            case "xavier" -> new InitSpec.Xavier();
            case "xavier_uniform" -> new InitSpec.XavierUniform();
            case "he" -> new InitSpec.He();
            case "he_uniform" -> new InitSpec.HeUniform();
            default -> throw c.error("unknown init '" + v
                    + "', expected normal:<scale>, uniform_fan, xavier, xavier_uniform, he or he_uniform");
        };
    }

    /** Reads lines one by one and reports errors with the 1-based line number. */
    private static final class Cursor {
        private final String[] lines;
        private final String source;
        private int next;
        private int current;

        Cursor(String[] lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(source + ": spec line " + (current + 1) + ": " + what);
        }

        private String line() {
            current = next;
            if (next >= lines.length) {
                throw error("unexpected end of spec");
            }
            return lines[next++];
        }

        void expectExact(String s) {
            String l = line();
            if (!l.equals(s)) {
                throw error("expected '" + s + "', got '" + l + "'");
            }
        }

        boolean peekStartsWith(String prefix) {
            return next < lines.length && lines[next].startsWith(prefix);
        }

        String[] words(String keyword) {
            String l = line();
            String[] w = l.split(" ", -1);
            if (!w[0].equals(keyword)) {
                throw error("expected a '" + keyword + "' line, got '" + l + "'");
            }
            return w;
        }

        void keys(String[] w, String... keys) {
            if (w.length != keys.length + 2) {
                throw error("'" + w[1] + "' takes exactly " + String.join(", ", keys) + (keys.length == 0 ? "nothing" : ""));
            }
            for (int i = 0; i < keys.length; i++) {
                if (!w[i + 2].startsWith(keys[i] + "=")) {
                    throw error("expected '" + keys[i] + "=...' as field " + (i + 1) + " of '" + w[1] + "', got '"
                            + w[i + 2] + "'");
                }
            }
        }

        String value(String kv) {
            return kv.substring(kv.indexOf('=') + 1);
        }

        int parseInt(String s, String what) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error(what + " must be an integer, got '" + s + "'");
            }
        }

        double parseDouble(String s, String what) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(what + " must be a number, got '" + s + "'");
            }
        }

        <E extends Enum<E>> E parseEnum(Class<E> type, String s, String what) {
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw error("unknown " + what + " '" + s + "', expected one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        void expectRestBlank() {
            for (int i = next; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    current = i;
                    throw error("unexpected text after 'end': '" + lines[i] + "'");
                }
            }
        }
    }
}
