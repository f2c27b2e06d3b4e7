package dev.dvg.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JSON form of the specs. The sealed interfaces of {@code dev.dvg.engine.spec} (the engine is
 * JDK-only, so its records carry no annotations) get a {@code "type"} discriminator through Jackson
 * mix-ins: layers {@code dense|conv2d|maxpool2d|flatten|activation}, inits
 * {@code normal|uniform-fan|xavier|xavier-uniform|he|he-uniform}, optimisers
 * {@code sgd|momentum|nesterov|rmsprop|scalar-rmsprop|adam|lbfgs|cg}. Enums of the engine
 * (Activation, LossKind) are written by name; the models' own enums by their lower-case ids.
 * Unknown fields are errors; invalid values fail in the records' constructors and the message names
 * the file and the field.
 */
public final class SpecJson {

    private static final ObjectMapper MAPPER = createMapper();

    private SpecJson() {
    }

    /** A mapper that knows the spec mix-ins (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        ObjectMapper m = new ObjectMapper();
        m.addMixIn(LayerSpec.class, LayerSpecMixin.class);
        m.addMixIn(InitSpec.class, InitSpecMixin.class);
        m.addMixIn(OptimizerSpec.class, OptimizerSpecMixin.class);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        return m;
    }

    public static String toJson(ModelSpec spec) {
        return write(spec);
    }

    public static String toJson(NetworkSpec spec) {
        return write(spec);
    }

    public static String toJson(OptimizerSpec spec) {
        return write(spec);
    }

    public static ModelSpec modelFromJson(String json, String source) {
        return read(json, ModelSpec.class, source);
    }

    public static NetworkSpec networkFromJson(String json, String source) {
        return read(json, NetworkSpec.class, source);
    }

    public static OptimizerSpec optimizerFromJson(String json, String source) {
        return read(json, OptimizerSpec.class, source);
    }

    /** Reads a model spec file; errors name the file. */
    public static ModelSpec readModel(Path file) throws IOException {
        return modelFromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Writes a model spec atomically (temp file in the same folder, then rename). */
    public static void writeModel(ModelSpec spec, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson(spec) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(source + ": invalid " + type.getSimpleName() + " at "
                    + e.getPathReference() + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": cannot read " + type.getSimpleName() + ": "
                    + e.getOriginalMessage() + " (at " + e.getLocation() + ")", e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = DenseSpec.class, name = "dense"),
            @JsonSubTypes.Type(value = Conv2dSpec.class, name = "conv2d"),
            @JsonSubTypes.Type(value = MaxPool2dSpec.class, name = "maxpool2d"),
            @JsonSubTypes.Type(value = FlattenSpec.class, name = "flatten"),
            @JsonSubTypes.Type(value = ActivationSpec.class, name = "activation")})
    private interface LayerSpecMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = InitSpec.Normal.class, name = "normal"),
            @JsonSubTypes.Type(value = InitSpec.UniformFan.class, name = "uniform-fan"),
            @JsonSubTypes.Type(value = InitSpec.Xavier.class, name = "xavier"),
            @JsonSubTypes.Type(value = InitSpec.XavierUniform.class, name = "xavier-uniform"),
            @JsonSubTypes.Type(value = InitSpec.He.class, name = "he"),
            @JsonSubTypes.Type(value = InitSpec.HeUniform.class, name = "he-uniform")})
    private interface InitSpecMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
            @JsonSubTypes.Type(value = OptimizerSpec.Momentum.class, name = "momentum"),
            @JsonSubTypes.Type(value = OptimizerSpec.Nesterov.class, name = "nesterov"),
            @JsonSubTypes.Type(value = OptimizerSpec.RmsProp.class, name = "rmsprop"),
            @JsonSubTypes.Type(value = OptimizerSpec.ScalarRmsProp.class, name = "scalar-rmsprop"),
            @JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam"),
            @JsonSubTypes.Type(value = OptimizerSpec.Lbfgs.class, name = "lbfgs"),
            @JsonSubTypes.Type(value = OptimizerSpec.ConjugateGradient.class, name = "cg")})
    private interface OptimizerSpecMixin {
    }
}
