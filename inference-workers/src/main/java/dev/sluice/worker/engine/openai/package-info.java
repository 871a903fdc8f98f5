/** An engine backed by OpenAI-compatible streaming servers (vLLM, trtllm-serve, llama-server, TGI). */
@NullMarked
package dev.sluice.worker.engine.openai;

import org.jspecify.annotations.NullMarked;
