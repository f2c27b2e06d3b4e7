package dev.dvg.runner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * JSON has no NaN or infinity: result files write a non-finite number as {@code null}
 * (results/FORMAT.md), whether it sits in a map, a {@code double} or a {@code float[]}.
 */
final class FiniteJson {

    private FiniteJson() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("finite-numbers");
        JsonSerializer<Double> d = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
        };
        JsonSerializer<Float> f = new JsonSerializer<>() {
            @Override
            public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
        };
        m.addSerializer(Double.class, d);
        m.addSerializer(double.class, d);
        m.addSerializer(Float.class, f);
        m.addSerializer(float.class, f);
        m.addSerializer(float[].class, new JsonSerializer<>() {
            @Override
            public void serialize(float[] a, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(a, a.length);
                for (float v : a) {
                    if (Float.isFinite(v)) {
                        g.writeNumber(v);
                    } else {
                        g.writeNull();
                    }
                }
                g.writeEndArray();
            }
        });
        return m;
    }
}
