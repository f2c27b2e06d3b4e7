package dev.dvg.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which data a model trains on and how it is prepared — engine-neutral: the data module turns a
 * recipe into the shared batch stream that both engines consume.
 *
 * @param dataset      the data set
 * @param transform    how raw inputs are scaled
 * @param target       how labels become the float target matrix {@code Y[N×K]}
 * @param samples      number of examples to generate ({@link Dataset#MOONS} only; 0 for the others,
 *                     which have a fixed size)
 * @param noise        standard deviation of the Gaussian noise ({@link Dataset#MOONS} only; 0 otherwise)
 * @param testFraction fraction held out as test set for data sets without an official split
 *                     (moons, digits20), in [0, 1); must be 0 for the MNIST family, which uses the
 *                     official 10,000-image test set
 */
public record DataRecipe(Dataset dataset, Transform transform, Target target, int samples, double noise,
                         double testFraction) {

    public DataRecipe {
        Objects.requireNonNull(dataset, "data.dataset");
        Objects.requireNonNull(transform, "data.transform");
        Objects.requireNonNull(target, "data.target");
        if (dataset == Dataset.MOONS) {
            if (samples < 2) {
                throw new IllegalArgumentException("data.samples must be >= 2 for moons, got " + samples);
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("data.noise must be a finite number >= 0, got " + noise);
            }
        } else {
            if (samples != 0) {
                throw new IllegalArgumentException("data.samples applies to moons only (must be 0 for "
                        + dataset.id() + "), got " + samples);
            }
            if (noise != 0) {
                throw new IllegalArgumentException("data.noise applies to moons only (must be 0 for "
                        + dataset.id() + "), got " + noise);
            }
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("data.testFraction must be in [0, 1), got " + testFraction);
        }
        if (dataset.hasOfficialTestSet() && testFraction != 0) {
            throw new IllegalArgumentException("data.testFraction must be 0 for " + dataset.id()
                    + " (it has an official test set), got " + testFraction);
        }
        if (!dataset.isImage() && transform != Transform.NONE) {
            throw new IllegalArgumentException("data.transform must be none for " + dataset.id()
                    + " (not an image set), got " + transform.id());
        }
        if (target == Target.IS_DIGIT_0 && !dataset.isDigits()) {
            throw new IllegalArgumentException("data.target is-digit-0 needs a digit data set, got " + dataset.id());
        }
        if (target == Target.LABEL_0_1 && dataset.classes() != 2) {
            throw new IllegalArgumentException("data.target label-0-1 needs a 2-class data set, got "
                    + dataset.id() + " with " + dataset.classes() + " classes");
        }
    }

    /** A recipe for a fixed-size data set (everything but moons). */
    public static DataRecipe of(Dataset dataset, Transform transform, Target target, double testFraction) {
        return new DataRecipe(dataset, transform, target, 0, 0, testFraction);
    }

    /** Columns of the target matrix Y. */
    public int targetWidth() {
        return switch (target) {
            case ONE_HOT, PER_OUTPUT_0_1 -> dataset.classes();
            case IS_DIGIT_0, LABEL_0_1 -> 1;
        };
    }

    /** Data sets. JSON ids in lower case. */
    public enum Dataset {
        /** MNIST handwritten digits, 28×28 grey, 60,000 train + 10,000 test, 10 classes. */
        MNIST("mnist", 784, 10, true, true, true),
        /** Fashion-MNIST, same shapes as MNIST, 10 clothing classes. */
        FASHION_MNIST("fashion-mnist", 784, 10, true, true, false),
        /** Two interleaved half circles with Gaussian noise (scikit-learn's make_moons), 2 features. */
        MOONS("moons", 2, 2, false, false, false),
        /** The ML course's 5000 20×20 digits (400 features, column-major cells), 10 classes. */
        DIGITS20("digits20", 400, 10, false, true, true);

        private final String id;
        private final int features;
        private final int classes;
        private final boolean officialTestSet;
        private final boolean image;
        private final boolean digits;

        Dataset(String id, int features, int classes, boolean officialTestSet, boolean image, boolean digits) {
            this.id = id;
            this.features = features;
            this.classes = classes;
            this.officialTestSet = officialTestSet;
            this.image = image;
            this.digits = digits;
        }

        @JsonValue
        public String id() {
            return id;
        }

        /** Input features per example (flattened). */
        public int features() {
            return features;
        }

        public int classes() {
            return classes;
        }

        public boolean hasOfficialTestSet() {
            return officialTestSet;
        }

        public boolean isImage() {
            return image;
        }

        public boolean isDigits() {
            return digits;
        }

        @JsonCreator
        public static Dataset fromId(String id) {
            return Ids.lookup(values(), Dataset::id, id, "data.dataset");
        }
    }

    /** Input transforms. */
    public enum Transform {
        /** x / 255 (pixels into [0, 1]). */
        SCALE255("scale255"),
        /** Per image: (x − mean) / std over its own pixels (the LeNet recipe's input). */
        ZSCORE_PER_IMAGE("zscore-per-image"),
        /** Raw features (moons; digits20 is already in [0, 1]). */
        NONE("none");

        private final String id;

        Transform(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Transform fromId(String id) {
            return Ids.lookup(values(), Transform::id, id, "data.transform");
        }
    }

    /** Target encodings: the float matrix Y[N×K] both engines receive. */
    public enum Target {
        /** K classes → one-hot rows (softmax cross-entropy). */
        ONE_HOT("one-hot"),
        /** Digits → N×1: 1 if the digit is 0, else 0 (the "is-zero" binary models). */
        IS_DIGIT_0("is-digit-0"),
        /** K classes → N×K 0/1, one independent sigmoid per output (the ML course's ex4 net). */
        PER_OUTPUT_0_1("per-output-0-1"),
        /** A 2-class label as N×1 0/1 (moons). */
        LABEL_0_1("label-0-1");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Target fromId(String id) {
            return Ids.lookup(values(), Target::id, id, "data.target");
        }
    }

    /** Lookup of a JSON id with an error naming the field and the allowed values. */
    static final class Ids {
        private Ids() {
        }

        static <E> E lookup(E[] values, java.util.function.Function<E, String> idOf, String id, String field) {
            for (E e : values) {
                if (idOf.apply(e).equals(id)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(field + " must be one of "
                    + Arrays.stream(values).map(idOf).collect(Collectors.joining(", ")) + "; got '" + id + "'");
        }
    }
}
