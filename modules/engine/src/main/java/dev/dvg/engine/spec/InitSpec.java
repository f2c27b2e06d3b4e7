package dev.dvg.engine.spec;

/**
 * How a weight tensor is initialised; fan-in/fan-out as DL4J counts them (dense: D and H;
 * convolution: C·KH·KW and F·KH·KW / stride², as DL4J's {@code ConvolutionParamInitializer}).
 * Biases always start at 0. Draw order and RNG: {@code dev.dvg.engine.nn.Initializer}.
 */
public sealed interface InitSpec {

    /** N(0,1)·scale — the seed recipes' {@code randn(...)*0.01}. DL4J: NormalDistribution(0, scale). */
    record Normal(double scale) implements InitSpec {
        public Normal {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("init.scale must be a positive number, got " + scale);
            }
        }
    }

    /** U(−1/√(fanIn+fanOut), +1/√(fanIn+fanOut)) — the LeNet recipe's. DL4J: UniformDistribution. */
    record UniformFan() implements InitSpec {
    }

    /** N(0, 2/(fanIn+fanOut)). DL4J: WeightInit.XAVIER. */
    record Xavier() implements InitSpec {
    }

    /** U(±√(6/(fanIn+fanOut))). DL4J: WeightInit.XAVIER_UNIFORM. */
    record XavierUniform() implements InitSpec {
    }

    /** N(0, 2/fanIn). DL4J: WeightInit.RELU. */
    record He() implements InitSpec {
    }

    /** U(±√(6/fanIn)). DL4J: WeightInit.RELU_UNIFORM. */
    record HeUniform() implements InitSpec {
    }
}
