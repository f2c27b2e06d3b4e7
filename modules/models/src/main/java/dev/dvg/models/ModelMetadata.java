package dev.dvg.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a saved model carries besides its weights, so that {@code dvg predict} can prepare inputs
 * exactly as training did: the full {@link ModelSpec} (its {@link DataRecipe} names the data set,
 * the input transform and the target encoding; its network the input shape), which engine trained
 * it, and the run it came from. Stored as string pairs: in David's model file (DVGM v2 metadata)
 * and as an object entry of DL4J's ModelSerializer zip.
 *
 * @param spec       the model as trained (seed = the run seed)
 * @param engine     {@code david} or {@code dl4j}
 * @param experiment the experiment id
 * @param runId      the run id (results/FORMAT.md)
 */
public record ModelMetadata(ModelSpec spec, String engine, String experiment, String runId) {

    public static final String SPEC = "dvg.model_spec";
    public static final String ENGINE = "dvg.engine";
    public static final String EXPERIMENT = "dvg.experiment";
    public static final String RUN_ID = "dvg.run_id";
    /** Key of the metadata map inside a DL4J ModelSerializer zip ({@code objects/dvg-metadata}). */
    public static final String DL4J_OBJECT = "dvg-metadata";

    public ModelMetadata {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(runId, "runId");
    }

    /** As string pairs, in a fixed order. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SPEC, SpecJson.toJson(spec));
        m.put(ENGINE, engine);
        m.put(EXPERIMENT, experiment);
        m.put(RUN_ID, runId);
        return m;
    }

    /**
     * Reads the pairs written by {@link #toMap}; {@code where} (the file) starts every error, which
     * names the missing or invalid key.
     */
    public static ModelMetadata fromMap(Map<String, String> m, String where) {
        String json = required(m, SPEC, where);
        ModelSpec spec;
        try {
            spec = SpecJson.modelFromJson(json, where + " metadata " + SPEC);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid model spec in its metadata: " + e.getMessage(), e);
        }
        return new ModelMetadata(spec, required(m, ENGINE, where), required(m, EXPERIMENT, where),
                required(m, RUN_ID, where));
    }

    private static String required(Map<String, String> m, String key, String where) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(where + ": metadata has no '" + key + "' (saved by another tool?)");
        }
        return v;
    }
}
