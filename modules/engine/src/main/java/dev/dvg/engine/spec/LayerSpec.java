package dev.dvg.engine.spec;

/** One layer of a network: dense, convolution, max pooling, flatten or an activation. */
public sealed interface LayerSpec
        permits DenseSpec, Conv2dSpec, MaxPool2dSpec, FlattenSpec, ActivationSpec {
}
