package dev.dvg.dl4j;

import org.nd4j.linalg.api.buffer.DataType;

import java.util.Objects;

/**
 * How Goliath is built.
 *
 * @param dataType   DL4J's network data type: FLOAT (David's precision) or DOUBLE
 * @param exact      true: refuse any spec DL4J cannot reproduce exactly (classical momentum, the
 *                   scalar RMSprop, L-BFGS/CG) — parity uses this; false: build the nearest DL4J
 *                   equivalent and list each substitution in {@link Goliath#approximations()}
 * @param bceClipEps clipping ε of DL4J's binary cross-entropy ({@code LossBinaryXENT}); DL4J's default
 *                   1e-5 clips sigmoid outputs to [1e-5, 1−1e-5] in the score and the gradient,
 *                   which David does not do. We use 1e-7, just above float32's resolution near 1
 *                   (6e-8), so the logs stay finite and the clip only bites on outputs saturated to
 *                   the last bits of a float. 0 turns clipping off.
 * @param softmaxClipEps clipping ε of DL4J's softmax cross-entropy ({@code LossMCXENT}) in the score:
 *                   p is clipped to [ε, 1−ε] before the log. DL4J's default 1e-10 caps one example's
 *                   loss at 23.03, so a confidently wrong network scores lower in DL4J than its true
 *                   cross-entropy (David computes log-softmax exactly). We use
 *                   {@link #SOFTMAX_CLIP_EPS} = Float.MIN_NORMAL (cap 87.3, about where float32's
 *                   softmax underflows to 0 anyway). The gradient (p − y) is not clipped by DL4J.
 * @param bceFromLogits true: BCE_SIGMOID uses {@link LossSigmoidXentLogits} (unclipped, from Z, as
 *                   David) instead of DL4J's {@code LossBinaryXENT(bceClipEps)}; see that class for
 *                   where the two differ. The parity checks ({@link #EXACT}) use it; {@link #DEFAULT}
 *                   keeps DL4J's own loss.
 */
public record GoliathOptions(DataType dataType, boolean exact, double bceClipEps, double softmaxClipEps,
                             boolean bceFromLogits) {

    /** Default BCE clip (see the record doc). */
    public static final double BCE_CLIP_EPS = 1e-7;
    /** Default softmax CE clip: the smallest normal float. */
    public static final double SOFTMAX_CLIP_EPS = Float.MIN_NORMAL;

    /** Float32, nearest equivalents allowed. */
    public static final GoliathOptions DEFAULT = new GoliathOptions(DataType.FLOAT, false, BCE_CLIP_EPS,
            SOFTMAX_CLIP_EPS, false);
    /** Float32, exact mapping only (what the parity checks use). */
    public static final GoliathOptions EXACT = new GoliathOptions(DataType.FLOAT, true, BCE_CLIP_EPS,
            SOFTMAX_CLIP_EPS, true);

    public GoliathOptions {
        Objects.requireNonNull(dataType, "goliath.dataType");
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("goliath.dataType must be FLOAT or DOUBLE, got " + dataType);
        }
        if (!(bceClipEps >= 0 && bceClipEps < 0.5)) {
            throw new IllegalArgumentException("goliath.bceClipEps must be in [0, 0.5), got " + bceClipEps);
        }
        if (!(softmaxClipEps >= 0 && softmaxClipEps < 0.5)) {
            throw new IllegalArgumentException("goliath.softmaxClipEps must be in [0, 0.5), got " + softmaxClipEps);
        }
    }

    /** The same options with nearest equivalents allowed ({@code exact} false) or refused (true). */
    public GoliathOptions withExact(boolean newExact) {
        return new GoliathOptions(dataType, newExact, bceClipEps, softmaxClipEps, bceFromLogits);
    }

    /** The same options with BCE from logits (true) or DL4J's clipped LossBinaryXENT (false). */
    public GoliathOptions withBceFromLogits(boolean fromLogits) {
        return new GoliathOptions(dataType, exact, bceClipEps, softmaxClipEps, fromLogits);
    }

    public GoliathOptions withDataType(DataType dt) {
        return new GoliathOptions(dt, exact, bceClipEps, softmaxClipEps, bceFromLogits);
    }
}
