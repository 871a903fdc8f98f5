package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/** Role and delimiter spoofing: chat-template tokens, fake system or assistant turns, fake section delimiters. */
final class SpoofingRules {
    static final String SPOOF = "role_spoofing";

    private SpoofingRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of(
                        "spoof.chat_template_token",
                        SPOOF,
                        0.9,
                        "<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|eom_id|start_header_id|end_header_id|begin_of_text|end_of_text|fim_(?:prefix|middle|suffix)|channel|message)\\|>"
                                + "|\\[/?inst\\]|<</?sys>>|<\\|?(?:start_of_turn|end_of_turn)\\|?>"),
                PatternRule.of(
                        "spoof.system_turn",
                        SPOOF,
                        0.6,
                        "(?m)^[ \\t>*]*(?:#{1,4}[ \\t]*)?[\\[({<]?[ \\t]*(?:system|sys|developer|admin|administrator|root|operator)[ \\t]*"
                                + "(?:message|note|prompt|override|instructions?|update|alert|notice|command|mode)?[ \\t]*(?:[\\]):>}]|#{2,})"
                                + "(?![ \\t]*(?:ubuntu|windows|linux|mac ?os|debian|fedora|android|ios|x86|arm|amd|intel|\\d|centos|red ?hat|unix|the (?:os|operating)|[\\w./-]+[ \\t]*(?:\\n|$)))"),
                PatternRule.of(
                        "spoof.inline_system_turn",
                        SPOOF,
                        0.45,
                        "(?:[.!?\"'\\]}] |\\n)[\\[(]?(?:system|developer|admin)(?: (?:message|note|override|prompt))?[\\])]?[ \\t]*:[ \\t]*(?:you|ignore|the (?:user|assistant|ai)|new|from now|all|do not|always|never)"),
                PatternRule.of(
                        "spoof.assistant_turn",
                        SPOOF,
                        0.35,
                        "(?:^|[.!?\"'] |\\n)(?:assistant|ai|chatgpt|gpt|bot)[ \\t]*:[ \\t]*\\S"),
                PatternRule.of(
                        "spoof.alpaca_header",
                        SPOOF,
                        0.5,
                        "(?m)^[ \\t]*#{2,4}[ \\t]*(?:instruction|instructions|system|response)[ \\t]*:?[ \\t]*$"),
                PatternRule.of(
                        "spoof.fake_delimiter",
                        SPOOF,
                        0.45,
                        "(?:-{3,}|={3,}|#{2,}|%{3,}|\\*{3,}|_{3,}|\\]{2,}|\\}{2,})[ \\t]*(?:end|begin|start|new|system|instructions?|override|admin|user input)"
                                + END));
    }
}
