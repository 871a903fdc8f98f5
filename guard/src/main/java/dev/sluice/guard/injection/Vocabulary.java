package dev.sluice.guard.injection;

/** Shared regex fragments for the folded (lower-case, leet-folded) view. */
final class Vocabulary {
    /** Separator between words; may be empty so "allprevious" still reads as two words. */
    static final String S = "[^a-z0-9]{0,3}";
    /** Up to {@code n} arbitrary filler words. */
    static String fill(int n) {
        return "(?:[a-z'’]{1,15}[^a-z0-9]{1,3}){0," + n + "}";
    }

    static final String START = "(?<![a-z])";
    static final String END = "(?![a-z])";

    static final String IGNORE =
            "(?:ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overlook|bypass|overrid(?:e|ing)|neglect|never ?mind|"
                    + "set aside|put aside|pay no (?:attention|heed|mind) to|do not (?:follow|obey|listen to|adhere to|comply with|heed)|"
                    + "don'?t (?:follow|obey|listen to|heed)|stop (?:following|obeying|listening to)|no longer (?:follow|obey)|cease following)";
    static final String DROP =
            "(?:drop|remove|delete|erase|scrap|ditch|discard|dismiss|abandon|throw out|skip|lift|disable|turn off|deactivate|switch off|circumvent|evade)";
    static final String QUAL =
            "(?:previous(?:ly)?|prior|above|earlier|preceding|foregoing|initial|original|old|former|existing|"
                    + "given|programmed|default|built-in|preset|system|your|ur)";
    static final String TARGET =
            "(?:instructions?|instructs|prompting|directions?|directives?|rules?|guidelines?|prompts?|commands?|"
                    + "orders|constraints?|restrictions?|programming|policies|policy|guardrails?|safeguards?|filters?|training|"
                    + "conditioning|guidance|protocols?|limitations?|boundaries|ethics|morals|principles|system (?:prompt|message)|tasks?|assignments?)";
    static final String AI =
            "(?:ai|a\\.i\\.|llm|language model|large language models?|ai assistant|assistant|chatbot|ai agent|"
                    + "agent|ai model|gpt|chatgpt|claude|bard|gemini|copilot|bots?|model)";
    static final String AI_WORD = "(?<![a-z])" + AI + "(?![a-z])";
    static final String PERSONA_CUE =
            "(?:pretend|act as|acting as|roleplay|role-play|role play|play the role|imagine you|"
                    + "you are|you're|you will|you'll|you can|you must|you have|as an ai|chatbot|assistant|persona|simulate|become|"
                    + "from now on|respond|answer|reply)";
    static final String EXTRACT =
            "(?:reveal|print|show|display|output|repeat|recite|tell me|tell us|give me|share|list|leak|"
                    + "disclose|dump|expose|spell out|relay|provide|paste|copy|write out|write down|type out|return|echo|read back|"
                    + "read out|reproduce|regurgitate|send me|what (?:is|are|were|was)|what's|whats|summari[sz]e|translate|describe|"
                    + "reply with|respond with|answer with|include|quote|cite|read me|walk me through|go over|spell)";
    static final String EXTRACT_STRICT =
            "(?:reveal|print|show me|display|output|repeat|recite|tell me|give me|leak|disclose|"
                    + "dump|expose|spell out|relay|paste|copy|write out|type out|echo|reproduce|regurgitate|send me)";
    static final String POSS = "(?:your|ur|thy|the assistant'?s|the ai'?s|the bot'?s|the model'?s|chatgpt'?s|its)";
    static final String QUAL_X =
            "(?:system'?s?|initial|initials|original|hidden|secret|internal|pre|preset|starting|first|base|"
                    + "core|underlying|confidential|private|developer|operator|full|entire|complete|exact|above|previous|prior|given|"
                    + "real|actual|true|current|whole|comprehensive list of|list of|set of)";
    static final String NOUN_STRONG =
            "(?:system ?prompt|prompts?|instructions?|directives?|programming|preamble|pre-?prompt|"
                    + "system ?message|meta ?prompt|configuration|initial (?:message|text))"
                    + "(?! ?(?:engineering|engineer|writing|design|templates?|library|examples? for|ideas|generator))";
    static final String NOUN_WEAK = "(?:rules|guidelines|settings|parameters|context|policies|constraints|guidance)";
    static final String SENSITIVE = "(?:(?:chat|conversation|browsing|search|message) history|inbox|"
            + "every (?:single )?(?:email|message|file|document)s?|all (?:the |of the )?(?:emails|messages|files|contacts|data|documents)|"
            + "passwords?|credentials|api keys?|secret keys?|secrets|cookies|session tokens?|access tokens?|private keys?|"
            + "(?:the )?users?'?s? (?:data|messages|emails|information|conversations?|history|details|files|password))";

    private Vocabulary() {}
}
