package dev.sluice.topology.pipeline;

/** Every node, store and sink of the topology by name, so internal topics have stable names. */
public final class TopologyNames {
    public static final String REQUESTS_SOURCE = "requests-source";
    public static final String COMPLETIONS_SOURCE = "completions-source";
    public static final String MODELS_SOURCE = "models-source";
    public static final String MODELS_LOADER = "models-loader";
    public static final String MODELS_STORE = "models-global";
    public static final String PREPARE = "prepare-prompt";
    public static final String REMEMBER = "remember-answer";
    public static final String ERASURES_SOURCE = "erasures-source";
    public static final String FORGET = "forget-conversation";
    public static final String CONTEXT_STORE = "conversation-context";
    /** Per-conversation PII placeholders and their values: its changelog topic holds PII, restrict it. */
    public static final String VAULT_STORE = "pii-vault";

    public static final String PROMPTS_SINK = "prompts-sink";
    public static final String STREAM_SINK = "stream-sink";
    public static final String COMPLETIONS_SINK = "completions-sink";

    private TopologyNames() {}
}
