package dev.sluice.topology.template;

import dev.sluice.schemas.event.ChatMessage;
import java.util.List;

/**
 * Renders chat turns into the prompt text an engine completes.
 *
 * <p>{@code llama3} is the Llama 3.1 format: {@code <|begin_of_text|>}, then per turn
 * {@code <|start_header_id|>role<|end_header_id|>\n\n content <|eot_id|>}, then an open
 * assistant header. {@code plain} is for models without a chat template (tiny story models):
 * the turns' text, user turns last, so the model simply continues it.
 */
public enum PromptTemplate {
    LLAMA3 {
        @Override
        public String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder("<|begin_of_text|>");
            for (ChatMessage m : messages) {
                sb.append("<|start_header_id|>")
                        .append(m.role())
                        .append("<|end_header_id|>\n\n")
                        .append(m.content().strip())
                        .append("<|eot_id|>");
            }
            return sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n")
                    .toString();
        }
    },
    PLAIN {
        @Override
        public String render(List<ChatMessage> messages) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                if ("system".equals(m.role())) continue;
                if (!sb.isEmpty()) sb.append('\n');
                sb.append(m.content().strip());
            }
            return sb.toString();
        }
    };

    public abstract String render(List<ChatMessage> messages);

    /** The template named by a model announcement; the model's own (gguf) is applied by the worker. */
    public static PromptTemplate named(String name) {
        return "plain".equalsIgnoreCase(name) ? PLAIN : LLAMA3;
    }
}
