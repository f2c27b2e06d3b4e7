package dev.dvg.sweeps;

import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.TrainingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a base model and a {@link SweepPoint} into the candidate's model. Order: depth, hidden,
 * activation (architecture), l2, then optimizer and learning_rate, then batch_size. Every error
 * names the parameter and why the base model cannot take it.
 *
 * <ul>
 *   <li>{@code depth d}: a dense network is read as hidden blocks (a dense layer and the activation
 *       layers after it) plus the output layer; the first d blocks are kept, or the last block is
 *       repeated up to d. Convolutional networks are refused.</li>
 *   <li>{@code hidden h}: every dense layer but the output one gets h units (same init).</li>
 *   <li>{@code activation a}: every activation layer becomes a (the loss keeps the output's).</li>
 *   <li>{@code optimizer o}: o with the base learning rate (or the swept one); other settings are
 *       the base optimiser's when it is the same kind, else DL4J's defaults (momentum 0.9; RMSprop
 *       decay 0.95, ε 1e-8; Adam β1 0.9, β2 0.999, ε 1e-8).</li>
 *   <li>{@code batch_size b}: the schedule's batch size (steps or epochs unchanged; not for
 *       full-batch schedules).</li>
 * </ul>
 */
public final class Variants {

    private Variants() {
    }

    /** The model of candidate {@code p} derived from {@code base}. */
    public static ModelSpec apply(ModelSpec base, SweepPoint p) {
        ModelSpec m = base;
        NetworkSpec net = m.network();
        if (p.has(Param.DEPTH)) {
            net = depth(net, (Integer) p.get(Param.DEPTH));
        }
        if (p.has(Param.HIDDEN)) {
            net = hidden(net, (Integer) p.get(Param.HIDDEN));
        }
        if (p.has(Param.ACTIVATION)) {
            net = activation(net, activationOf((String) p.get(Param.ACTIVATION)));
        }
        if (p.has(Param.L2)) {
            net = new NetworkSpec(net.inputShape(), net.layers(), net.loss(), (Double) p.get(Param.L2));
        }
        if (!net.equals(m.network())) {
            m = m.withNetwork(net);
        }
        OptimizerSpec opt = m.optimizer();
        if (p.has(Param.OPTIMIZER)) {
            opt = optimizer((String) p.get(Param.OPTIMIZER), opt, learningRate(opt, p));
        }
        if (p.has(Param.LEARNING_RATE)) {
            opt = withLearningRate(opt, (Double) p.get(Param.LEARNING_RATE));
        }
        if (!opt.equals(m.optimizer())) {
            m = m.withOptimizer(opt);
        }
        if (p.has(Param.BATCH_SIZE)) {
            TrainingSpec t = m.training();
            if (t.sampling() == TrainingSpec.Sampling.FULL_BATCH) {
                throw new IllegalArgumentException("batch_size: the base schedule is full-batch; sweep batch_size "
                        + "over a minibatch schedule (training.sampling shuffled-epochs or with-replacement)");
            }
            m = m.withTraining(new TrainingSpec(t.sampling(), (Integer) p.get(Param.BATCH_SIZE), t.steps(), t.epochs()));
        }
        return m;
    }

    static NetworkSpec depth(NetworkSpec net, int depth) {
        List<List<LayerSpec>> blocks = new ArrayList<>();
        List<LayerSpec> layers = net.layers();
        for (int i = 0; i < layers.size() - 1; i++) {
            LayerSpec l = layers.get(i);
            if (l instanceof DenseSpec) {
                blocks.add(new ArrayList<>(List.of(l)));
            } else if (l instanceof ActivationSpec && !blocks.isEmpty()) {
                blocks.get(blocks.size() - 1).add(l);
            } else {
                throw new IllegalArgumentException("depth: only dense networks (dense and activation layers) can "
                        + "change depth; this one has " + l.getClass().getSimpleName() + " at layer " + i);
            }
        }
        if (depth > blocks.size() && blocks.isEmpty()) {
            throw new IllegalArgumentException("depth: the base network has no hidden layer to repeat");
        }
        List<LayerSpec> out = new ArrayList<>();
        for (int b = 0; b < depth; b++) {
            out.addAll(blocks.get(Math.min(b, blocks.size() - 1)));
        }
        out.add(layers.get(layers.size() - 1));
        return new NetworkSpec(net.inputShape(), out, net.loss(), net.l2());
    }

    static NetworkSpec hidden(NetworkSpec net, int units) {
        List<LayerSpec> layers = new ArrayList<>(net.layers());
        int changed = 0;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i) instanceof DenseSpec d) {
                layers.set(i, new DenseSpec(units, d.init()));
                changed++;
            }
        }
        if (changed == 0) {
            throw new IllegalArgumentException("hidden: the base network has no hidden dense layer");
        }
        return new NetworkSpec(net.inputShape(), layers, net.loss(), net.l2());
    }

    static NetworkSpec activation(NetworkSpec net, Activation kind) {
        List<LayerSpec> layers = new ArrayList<>(net.layers());
        int changed = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof ActivationSpec) {
                layers.set(i, new ActivationSpec(kind));
                changed++;
            }
        }
        if (changed == 0) {
            throw new IllegalArgumentException("activation: the base network has no activation layer to replace");
        }
        return new NetworkSpec(net.inputShape(), layers, net.loss(), net.l2());
    }

    static Activation activationOf(String name) {
        if (!Param.ACTIVATIONS.contains(name)) {
            throw new IllegalArgumentException("activation: unknown '" + name + "'; allowed: "
                    + String.join(", ", Param.ACTIVATIONS));
        }
        return Activation.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static double learningRate(OptimizerSpec o, SweepPoint p) {
        if (p.has(Param.LEARNING_RATE)) {
            return (Double) p.get(Param.LEARNING_RATE);
        }
        return learningRateOf(o);
    }

    /** The learning rate of a minibatch optimiser. */
    static double learningRateOf(OptimizerSpec o) {
        if (o instanceof OptimizerSpec.Sgd s) {
            return s.learningRate();
        } else if (o instanceof OptimizerSpec.Momentum s) {
            return s.learningRate();
        } else if (o instanceof OptimizerSpec.Nesterov s) {
            return s.learningRate();
        } else if (o instanceof OptimizerSpec.RmsProp s) {
            return s.learningRate();
        } else if (o instanceof OptimizerSpec.ScalarRmsProp s) {
            return s.learningRate();
        } else if (o instanceof OptimizerSpec.Adam s) {
            return s.learningRate();
        }
        throw new IllegalArgumentException("learning_rate: the base optimiser " + o.getClass().getSimpleName()
                + " is a full-batch minimiser without a learning rate");
    }

    static OptimizerSpec withLearningRate(OptimizerSpec o, double lr) {
        if (o instanceof OptimizerSpec.Sgd) {
            return new OptimizerSpec.Sgd(lr);
        } else if (o instanceof OptimizerSpec.Momentum s) {
            return new OptimizerSpec.Momentum(lr, s.momentum());
        } else if (o instanceof OptimizerSpec.Nesterov s) {
            return new OptimizerSpec.Nesterov(lr, s.momentum());
        } else if (o instanceof OptimizerSpec.RmsProp s) {
            return new OptimizerSpec.RmsProp(lr, s.decay(), s.epsilon());
        } else if (o instanceof OptimizerSpec.ScalarRmsProp s) {
            return new OptimizerSpec.ScalarRmsProp(lr, s.decay(), s.epsilon());
        } else if (o instanceof OptimizerSpec.Adam s) {
            return new OptimizerSpec.Adam(lr, s.beta1(), s.beta2(), s.epsilon());
        }
        throw new IllegalArgumentException("learning_rate: the base optimiser " + o.getClass().getSimpleName()
                + " is a full-batch minimiser without a learning rate");
    }

    static OptimizerSpec optimizer(String name, OptimizerSpec base, double lr) {
        return switch (name) {
            case "sgd" -> new OptimizerSpec.Sgd(lr);
            case "momentum" -> new OptimizerSpec.Momentum(lr, base instanceof OptimizerSpec.Momentum m ? m.momentum() : 0.9);
            case "nesterov" -> new OptimizerSpec.Nesterov(lr, base instanceof OptimizerSpec.Nesterov m ? m.momentum() : 0.9);
            case "rmsprop" -> base instanceof OptimizerSpec.RmsProp r ? new OptimizerSpec.RmsProp(lr, r.decay(), r.epsilon())
                    : new OptimizerSpec.RmsProp(lr, 0.95, 1e-8);
            case "adam" -> base instanceof OptimizerSpec.Adam a ? new OptimizerSpec.Adam(lr, a.beta1(), a.beta2(), a.epsilon())
                    : new OptimizerSpec.Adam(lr, 0.9, 0.999, 1e-8);
            default -> throw new IllegalArgumentException("optimizer: unknown '" + name + "'; allowed: "
                    + String.join(", ", Param.OPTIMIZERS));
        };
    }
}
