package dev.dvg.engine.io;

import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Exec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Saves and loads a trained David network: its spec, metadata (what a user of the file needs to
 * prepare inputs: the model id, its data set and input transform…) and all its parameters.
 *
 * <h2>Format, version 2 (all integers and floats big-endian, as {@link DataOutputStream} writes them)</h2>
 * <pre>
 *   bytes 0–3   magic "DVGM" (0x44 0x56 0x47 0x4D)
 *   int32       format version (2)
 *   int32       length L of the spec text in bytes
 *   L bytes     the NetworkSpec as UTF-8 text, see {@link SpecText}
 *   int32       number M of metadata entries (0..1024)
 *   M times:    key, value, each modified UTF-8 (DataOutput.writeUTF); keys unique, in the order saved
 *   int32       number P of param tensors (must equal the spec's)
 *   P times:    modified-UTF-8 name (DataOutput.writeUTF, e.g. "0.W"), int32 rank, rank × int32 dims,
 *               then the values as float32, row-major
 *   int64       CRC-32 of every preceding byte
 * </pre>
 * The file is written to a temporary file in the target directory and then renamed over the
 * target, so a reader never sees a half-written model. Loading checks the magic, the version, the
 * spec, each param's name and shape against the spec, the checksum and that nothing follows it.
 *
 * <p>Version 1 is version 2 without the metadata block; it is still read ({@link Loaded#metadata()}
 * is empty and {@link Loaded#version()} says 1), so a caller that needs metadata can say which file
 * is too old rather than failing obscurely.
 */
public final class ModelFile {

    /** "DVGM". */
    public static final int MAGIC = 0x4456474D;
    public static final int VERSION = 2;
    /** The first version, without metadata: still readable. */
    public static final int VERSION_WITHOUT_METADATA = 1;
    /** Upper bound on metadata entries (a corrupt count fails early instead of allocating). */
    static final int MAX_METADATA = 1024;

    private ModelFile() {
    }

    /**
     * A loaded model file.
     *
     * @param network  the network, parameters set
     * @param metadata the saved key/value pairs in their saved order (empty for a version-1 file)
     * @param version  the file's format version
     */
    public record Loaded(Network network, Map<String, String> metadata, int version) {
        public Loaded {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** Saves {@code net} without metadata. */
    public static void save(Network net, Path file) throws IOException {
        save(net, Map.of(), file);
    }

    /** Saves {@code net} with {@code metadata} (keys and values each at most 65535 UTF-8 bytes). */
    public static void save(Network net, Map<String, String> metadata, Path file) throws IOException {
        if (metadata.size() > MAX_METADATA) {
            throw new IllegalArgumentException("at most " + MAX_METADATA + " metadata entries, got " + metadata.size());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        byte[] spec = SpecText.encode(net.spec()).getBytes(StandardCharsets.UTF_8);
        out.writeInt(spec.length);
        out.write(spec);
        out.writeInt(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            out.writeUTF(Objects.requireNonNull(e.getKey(), "metadata key"));
            out.writeUTF(Objects.requireNonNull(e.getValue(), "metadata value of " + e.getKey()));
        }
        out.writeInt(net.params().size());
        for (Param p : net.params()) {
            out.writeUTF(p.name());
            int[] shape = p.value().shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            float[] v = p.value().data();
            for (int i = 0; i < p.size(); i++) {
                out.writeFloat(v[i]);
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads a network saved by {@link #save}, running on {@code exec} (metadata dropped). */
    public static Network load(Path file, Exec exec) throws IOException {
        return read(file, exec).network();
    }

    /** Loads a model file (version 1 or 2) with its metadata, the network running on {@code exec}. */
    public static Loaded read(Path file, Exec exec) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String where = file.toString();
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all));
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(where + ": not a DvG model file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(MAGIC) + " \"DVGM\")");
            }
            int version = in.readInt();
            if (version != VERSION && version != VERSION_WITHOUT_METADATA) {
                throw new IOException(where + ": unsupported model format version " + version + " (this build reads "
                        + VERSION_WITHOUT_METADATA + " and " + VERSION + ")");
            }
            int specLen = in.readInt();
            if (specLen < 0 || specLen > all.length) {
                throw new IOException(where + ": spec length " + specLen + " is impossible for a file of "
                        + all.length + " bytes");
            }
            byte[] specBytes = new byte[specLen];
            in.readFully(specBytes);
            NetworkSpec spec;
            try {
                spec = SpecText.decode(new String(specBytes, StandardCharsets.UTF_8), where);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (version >= 2) {
                int m = in.readInt();
                if (m < 0 || m > MAX_METADATA) {
                    throw new IOException(where + ": metadata count " + m + " outside 0.." + MAX_METADATA);
                }
                for (int i = 0; i < m; i++) {
                    String key = in.readUTF();
                    String value = in.readUTF();
                    if (metadata.put(key, value) != null) {
                        throw new IOException(where + ": metadata key '" + key + "' appears twice");
                    }
                }
            }
            Network net = Network.build(spec, 0, exec);
            int count = in.readInt();
            if (count != net.params().size()) {
                throw new IOException(where + ": file has " + count + " param tensors, the spec needs "
                        + net.params().size());
            }
            for (Param p : net.params()) {
                String name = in.readUTF();
                if (!name.equals(p.name())) {
                    throw new IOException(where + ": expected param " + p.name() + ", found " + name);
                }
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException(where + ": param " + name + " has impossible rank " + rank);
                }
                int[] shape = new int[rank];
                for (int i = 0; i < rank; i++) {
                    shape[i] = in.readInt();
                }
                if (!Arrays.equals(shape, p.value().shape())) {
                    throw new IOException(where + ": param " + name + " has shape " + Arrays.toString(shape)
                            + ", the spec needs " + Arrays.toString(p.value().shape()));
                }
                float[] v = p.value().data();
                for (int i = 0; i < p.size(); i++) {
                    v[i] = in.readFloat();
                }
            }
            int payload = all.length - in.available();
            long stored = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(all, 0, payload);
            if (stored != crc.getValue()) {
                throw new IOException(where + ": checksum mismatch (file corrupted): stored " + Long.toHexString(stored)
                        + ", computed " + Long.toHexString(crc.getValue()));
            }
            if (in.available() != 0) {
                throw new IOException(where + ": " + in.available() + " unexpected bytes after the checksum");
            }
            return new Loaded(net, metadata, version);
        } catch (java.io.UTFDataFormatException e) {
            throw new IOException(where + ": malformed text in the model file (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(where + ": truncated model file (" + all.length + " bytes)", e);
        }
    }
}
