package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/** System-prompt extraction: asking for the instructions, rules or configuration the assistant was given. */
final class ExtractionRules {
    static final String EXTRACTION = "prompt_extraction";

    private ExtractionRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of(
                        "extraction.your_instructions",
                        EXTRACTION,
                        0.85,
                        START + EXTRACT + S + fill(4) + POSS + S + "(?:" + QUAL_X + S + "){0,3}" + "(?:" + NOUN_WEAK + S
                                + "(?:and|or|&)" + S + ")?" + NOUN_STRONG + END),
                PatternRule.of(
                        "extraction.your_rules",
                        EXTRACTION,
                        0.45,
                        START + EXTRACT + S + fill(4) + POSS + S + "(?:" + QUAL_X + S + "){0,3}" + NOUN_WEAK + END),
                PatternRule.of(
                        "extraction.hidden_rules",
                        EXTRACTION,
                        0.8,
                        START + EXTRACT + S + fill(3) + "(?:the |this |thy |ur |your )?"
                                + "(?:system|initial|initials|hidden|secret|internal|underlying|confidential|developer|pre)"
                                + S + NOUN_WEAK + END),
                PatternRule.of(
                        "extraction.system_prompt",
                        EXTRACTION,
                        0.8,
                        START + EXTRACT_STRICT + S + fill(3) + "(?:the |this )?"
                                + "(?:system|initial|initials|original|hidden|secret|internal|underlying|confidential|developer|above|previous|prior|first|starting|given)"
                                + S + NOUN_STRONG + END),
                PatternRule.of(
                        "extraction.instructions_given",
                        EXTRACTION,
                        0.7,
                        START + "(?:instructions?|prompts?|rules|guidelines|directives|everything|text|words)" + S
                                + "(?:that |which )?(?:you(?:'ve| have)? (?:been |were )?(?:given|told|provided|programmed with|instructed|trained with|configured with|fed)|(?:you (?:were|are) )?(?:given|told) (?:to you )?(?:before|at the start|initially|earlier)|(?:that|which) (?:came|come|appear|appears|were written|was written) (?:before|above|prior))"
                                + END),
                PatternRule.of(
                        "extraction.repeat_above",
                        EXTRACTION,
                        0.6,
                        START + "(?:repeat|print|output|write|copy|echo|return|recite|show|reproduce)" + S
                                + "(?:back )?(?:all |the |every |each |everything )?"
                                + "(?:words?|text|everything|content|lines?|sentences?|tokens|characters|messages?)?"
                                + S
                                + "(?:above|before this|prior to this|preceding|so far|from the (?:beginning|start)|verbatim)"
                                + END),
                PatternRule.of(
                        "extraction.used_to_configure",
                        EXTRACTION,
                        0.8,
                        START + "(?:prompts?|instructions?|system prompt|rules|directives|text|message)" + S
                                + "(?:that |which )?(?:was|were|is|are|has been|have been) (?:used|given|written) to (?:configure|set up|program|instruct|create|initiali[sz]e|prime|steer) (?:you|this (?:bot|assistant|ai|model))"
                                + END),
                PatternRule.of(
                                "extraction.postposed_source",
                                EXTRACTION,
                                0.8,
                                START
                                        + "(?:instructions?|prompts?|message|messages|rules|directives|guidelines|text|wording|configuration|setup)"
                                        + S
                                        + "(?:that |which )?(?:you (?:received|got|were given|follow|use|run on|operate under|were configured with)|(?:your )?(?:operators?|developers?|creators?|owners?|company|makers?|admins?) (?:wrote|gave|set|configured|wrote for you|put)|"
                                        + "(?:that |which )?(?:sets? up|configures?|defines?|controls?|governs?|shapes?|initiali[sz]es?) (?:your|you)|(?:from|by) the system)"
                                        + END)
                        .near(
                                START + "(?:" + EXTRACT
                                        + "|exact|wording|word for word|verbatim|paste|code block|numbered list|what)"
                                        + END,
                                60),
                PatternRule.of(
                        "extraction.what_you_were_instructed",
                        EXTRACTION,
                        0.75,
                        START
                                + "(?:reveal|tell me|show me|print|say|repeat|explain|describe|list|output|write down|share) (?:exactly )?(?:what|how) you (?:were|have been|are|got) (?:instructed|told|programmed|asked|prompted|configured|set up) to"
                                + END),
                PatternRule.of(
                        "extraction.show_your_rules",
                        EXTRACTION,
                        0.55,
                        START + EXTRACT_STRICT + S + "(?:me )?(?:all )?(?:of )?" + POSS + S
                                + "(?:hidden |secret |internal |real |full |complete )?" + NOUN_WEAK + END),
                PatternRule.of(
                        "extraction.multilingual",
                        EXTRACTION,
                        0.8,
                        START
                                + "(?:affiche|montre|revele|donne|zeig|zeige|nenne|gib|muestra|dime|revela|mostra|rivela)(?:-?(?:moi|mir|me))?(?: bitte| por favor| s'il te plait| per favore)? (?:ton|votre|tes|vos|dein|deine|deinen|ihre|ihren|tu|tus|il tuo|i tuoi|o teu)"
                                + " ?(?:[a-z]+ )?(?:prompt|systemprompt|system-prompt|instructions|consignes|anweisungen|instrucciones|istruzioni|prompt systeme|prompt de sistema|prompt di sistema)"
                                + END),
                PatternRule.of(
                        "extraction.were_you_given",
                        EXTRACTION,
                        0.75,
                        START
                                + "(?:instructions?|prompts?|rules|guidelines|directives|orders) (?:were|have|did|had) you (?:been )?(?:given|told|receive|received|get|got|provided|fed|programmed with)"
                                + END),
                PatternRule.of(
                        "extraction.creators_rules",
                        EXTRACTION,
                        0.75,
                        START
                                + "(?:instructions?|prompts?|rules|guidelines|directives|restrictions) (?:did|have|has|had) (?:your|the) (?:creators?|developers?|makers?|operators?|owners?|company|programmers?|designers?|admins?)"
                                + " (?:give|given|set|write|written|provide|provided|program|programmed|impose|imposed|put)"
                                + END),
                PatternRule.of(
                        "extraction.told_before",
                        EXTRACTION,
                        0.7,
                        START
                                + "(?:anything|everything|whatever|what) (?:you were|you've been|you have been|you got) (?:told|given|instructed|fed) (?:before|earlier|previously|initially|at the (?:start|beginning)|by (?:the|your) (?:developer|operator|system))"
                                + END),
                PatternRule.of(
                        "extraction.first_words",
                        EXTRACTION,
                        0.65,
                        START
                                + "(?:print|repeat|output|show|write|give me|tell me|list) (?:me )?the (?:first|initial|opening) (?:\\d+ |few |hundred )?(?:words|lines|tokens|characters|sentences|messages) of (?:this|the|our|your) (?:conversation|chat|prompt|context|instructions)"
                                + END),
                PatternRule.of(
                                "extraction.system_prompt_mention",
                                EXTRACTION,
                                0.7,
                                START
                                        + "(?:the |your |its )?(?:system prompt|system message|initial prompt|hidden prompt|pre-?prompt|hidden instructions|initial instructions|developer (?:message|instructions)|secret instructions)"
                                        + END)
                        .near(
                                START + "(?:" + EXTRACT_STRICT
                                        + "|reply with|respond with|including|quote|word for word|verbatim|exactly as|spell out|first letters|acrostic)"
                                        + END,
                                60)
                        .notNear(
                                "(?:how (?:do|to|can|should|would) (?:i|you|we|one) (?:write|design|create|craft|make|set|configure|use|structure)|what is an?|examples? of|good|best|my own|for my|a sample|"
                                        + "(?:design|designing|writing|write|building|build|create|creating|draft|drafting|improve|improving|test|testing) (?:a|an|my|our|the)|for (?:a|an|my|our) )",
                                60),
                PatternRule.of(
                        "extraction.what_is_above",
                        EXTRACTION,
                        0.6,
                        START
                                + "what (?:is|was|has been) (?:written|said|stated|typed|mentioned) (?:above|before (?:this|my message)|at the (?:start|beginning))"
                                + END),
                PatternRule.of(
                        "extraction.secret_password",
                        EXTRACTION,
                        0.5,
                        START
                                + "(?:what(?:'s| is| was)|tell me|give me|reveal|spell|print|write|share|say|leak|disclose|output) (?:me )?(?:the|your|thy|ur) (?:secret |hidden |current )?"
                                + "(?:admin |administrator |root |master |system )?(?:password|passphrase|secret word|secret code|passcode|secret key)(?! (?:policy|policies|requirements?|manager|reset|strength|rules|field|hash|for (?:my|the) wifi))"
                                + END),
                PatternRule.of(
                                "extraction.verbatim",
                                EXTRACTION,
                                0.6,
                                START
                                        + "(?:verbatim|word for word|word-for-word|exactly as (?:written|stored|given|you (?:got|received) (?:it|them)))"
                                        + END)
                        .near("(?:instructions|prompt|directives|rules|guidelines|configuration|above)", 100),
                PatternRule.of(
                        "extraction.secrets_store",
                        EXTRACTION,
                        0.6,
                        START
                                + "(?:usernames?|passwords?|credentials|api keys?|secret keys?|access tokens?|private keys?|secrets)"
                                + S
                                + "(?:in|from|stored in|of|inside|within) (?:your|the) (?:database|system|memory|training data|config|configuration|server|backend|environment|files?)"
                                + END),
                PatternRule.of(
                        "extraction.what_were_you_told",
                        EXTRACTION,
                        0.75,
                        START
                                + "(?:what|which) (?:were|are|is|was) (?:you|u) (?:told|instructed|programmed|trained|asked) (?:to do |to say )?(?:before|initially|at the (?:start|beginning)|earlier|originally|first|by (?:your|the) (?:developers?|creators?|operators?))"
                                + END),
                PatternRule.of(
                        "extraction.how_programmed",
                        EXTRACTION,
                        0.4,
                        START + "how (?:were|are|have) you (?:been )?(?:instructed|programmed|configured|prompted)"
                                + END));
    }
}
