package dev.sluice.guard.classifier;

/** One encoder for the whole test JVM: loading the ONNX model takes about a second. */
final class SharedEncoder {
    private static SentenceEncoder encoder;
    private static LearnedGuard bundled;

    private SharedEncoder() {}

    static synchronized SentenceEncoder get() {
        if (encoder == null) encoder = SentenceEncoder.load();
        return encoder;
    }

    static synchronized LearnedGuard bundled() {
        if (bundled == null) bundled = new LearnedGuard(get(), GuardModel.bundled());
        return bundled;
    }
}
