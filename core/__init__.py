"""The numpy core of mnist-gui: IDX reader, MNIST loader, sigmoid MLP and mini-batch SGD.

Everything the program exists for lives here, written to be read next to Michael
Nielsen's *Neural Networks and Deep Learning*: ``idx`` (the file format), ``datasets``
(MNIST's splits), ``mlp`` (the network, its costs and backpropagation), ``sgd`` (the
training loop, a generator of progress reports) and ``preprocess`` (a drawing turned into
an MNIST-like input). It depends on numpy and the standard library only and never imports
Qt, so it runs headless and in tests.
"""

__version__ = "0.2.0"
