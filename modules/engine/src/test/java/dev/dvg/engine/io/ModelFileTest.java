package dev.dvg.engine.io;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {

    static final NetworkSpec LENET_LIKE = new NetworkSpec(new int[]{1, 12, 12}, List.of(
            new Conv2dSpec(4, 5, 5, 1, new InitSpec.UniformFan()), new ActivationSpec(Activation.RELU),
            new MaxPool2dSpec(2, 2), new FlattenSpec(), new DenseSpec(7, new InitSpec.Normal(0.1)),
            new ActivationSpec(Activation.TANH), new DenseSpec(3, new InitSpec.XavierUniform())),
            LossKind.SOFTMAX_CE, 1.0e-6);

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsSpecParamsAndOutputs() throws IOException {
        Network net = Network.build(LENET_LIKE, 17, Exec.serial());
        Path f = dir.resolve("sub/model.dvgm");
        ModelFile.save(net, f);
        Network back = ModelFile.load(f, Exec.serial());
        assertEquals(LENET_LIKE, back.spec());
        assertArrayEquals(net.getFlat(), back.getFlat());
        Tensor x = Tensor.zeros(2, 144);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) Math.sin(i);
        }
        assertArrayEquals(net.output(x).toArray(), back.output(x).toArray());
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void everyInitAndLossKindRoundTripsAsText() {
        for (InitSpec init : List.of(new InitSpec.Normal(0.01), new InitSpec.UniformFan(), new InitSpec.Xavier(),
                new InitSpec.XavierUniform(), new InitSpec.He(), new InitSpec.HeUniform())) {
            for (LossKind loss : LossKind.values()) {
                NetworkSpec s = new NetworkSpec(new int[]{5}, List.of(new DenseSpec(3, init),
                        new ActivationSpec(Activation.SIGMOID), new DenseSpec(2, init)), loss, 0.1 / 3);
                assertEquals(s, SpecText.decode(SpecText.encode(s), "test"));
            }
        }
    }

    @Test
    void badFilesGiveClearErrors() throws IOException {
        Network net = Network.build(LENET_LIKE, 17, Exec.serial());
        Path good = dir.resolve("good.dvgm");
        ModelFile.save(net, good);
        byte[] bytes = Files.readAllBytes(good);

        assertError(dir.resolve("magic"), "not a DvG model file", patch(bytes, 0, 'X'));
        byte[] v3 = bytes.clone();
        ByteBuffer.wrap(v3).putInt(4, 3);
        assertError(dir.resolve("version"), "unsupported model format version 3", v3);
        assertError(dir.resolve("truncated"), "truncated", Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 1;
        assertError(dir.resolve("crc"), "checksum mismatch", flipped);

        // a spec whose dense layer has another size than the stored weights
        String text = new String(bytes, 12, ByteBuffer.wrap(bytes).getInt(8), StandardCharsets.UTF_8);
        String other = text.replace("units=7", "units=8");
        assertError(dir.resolve("shape"), "shape", withSpec(bytes, other));
        assertError(dir.resolve("spec"), "spec line 2", withSpec(bytes, text.replace("input 1 12 12", "input 1 x 12")));
        assertError(dir.resolve("init"), "unknown init 'glorot'", withSpec(bytes, text.replace("init=uniform_fan", "init=glorot")));
    }

    @Test
    void metadataRoundTripsInOrder() throws IOException {
        Network net = Network.build(LENET_LIKE, 17, Exec.serial());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", "mnist-lenet");
        meta.put("data.transform", "zscore-per-image");
        meta.put("note", "ünïcödé, = and spaces");
        Path f = dir.resolve("meta.dvgm");
        ModelFile.save(net, meta, f);
        ModelFile.Loaded back = ModelFile.read(f, Exec.serial());
        assertEquals(ModelFile.VERSION, back.version());
        assertEquals(List.copyOf(meta.entrySet()), List.copyOf(back.metadata().entrySet()));
        assertArrayEquals(net.getFlat(), back.network().getFlat());
    }

    /** A version-1 file (written before metadata existed) still loads, flagged as version 1. */
    @Test
    void versionOneFilesLoadWithoutMetadata() throws IOException {
        Network net = Network.build(LENET_LIKE, 17, Exec.serial());
        Path f = dir.resolve("v2.dvgm");
        ModelFile.save(net, f);
        byte[] v2 = Files.readAllBytes(f);
        int specLen = ByteBuffer.wrap(v2).getInt(8);
        int metaAt = 12 + specLen;
        assertEquals(0, ByteBuffer.wrap(v2).getInt(metaAt), "no metadata entries");
        // v1 = v2 minus the (empty) metadata block, version 1, checksum recomputed
        ByteBuffer v1 = ByteBuffer.allocate(v2.length - 4);
        v1.put(v2, 0, metaAt).put(v2, metaAt + 4, v2.length - 8 - metaAt - 4);
        v1.putInt(4, 1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1.array(), 0, v1.position());
        v1.putLong(crc.getValue());
        Path old = dir.resolve("v1.dvgm");
        Files.write(old, v1.array());
        ModelFile.Loaded back = ModelFile.read(old, Exec.serial());
        assertEquals(1, back.version());
        assertTrue(back.metadata().isEmpty());
        assertArrayEquals(net.getFlat(), back.network().getFlat());
    }

    private static byte[] patch(byte[] b, int at, char c) {
        byte[] out = b.clone();
        out[at] = (byte) c;
        return out;
    }

    private static byte[] withSpec(byte[] original, String spec) {
        int oldLen = ByteBuffer.wrap(original).getInt(8);
        byte[] s = spec.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(original.length - oldLen + s.length);
        out.put(original, 0, 8).putInt(s.length).put(s).put(original, 12 + oldLen, original.length - 12 - oldLen);
        return out.array();
    }

    private static void assertError(Path f, String expected, byte[] content) throws IOException {
        Files.write(f, content);
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(f, Exec.serial()));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(f.toString()), e.getMessage());
    }
}
