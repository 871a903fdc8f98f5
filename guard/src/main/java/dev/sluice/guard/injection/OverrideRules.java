package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/** Instruction override and system-prompt extraction rules. */
final class OverrideRules {
    static final String OVERRIDE = "instruction_override";
    static final String EXTRACTION = "prompt_extraction";

    private OverrideRules() {
    }

    static List<PatternRule> all() {
        return List.of(
                // "ignore all previous instructions", "disregard your prior guidelines"
                PatternRule.of("override.ignore_prior_instructions", OVERRIDE, 0.92,
                        START + IGNORE + S + fill(3) + QUAL + S + fill(2) + TARGET + END),
                // "ignore all the instructions you got before": the qualifier comes after the target
                PatternRule.of("override.ignore_instructions_before", OVERRIDE, 0.9,
                        START + IGNORE + S + fill(3) + TARGET + S + "(?:(?:that |which )?(?:you(?:'ve| have)? (?:got|gotten|been given|received|were given|were told)|(?:given|received|provided|written|stated|mentioned) (?:to you )?)" + S + ")?"
                                + "(?:before|above|earlier|previously|so far|until now|prior to this|up to now)" + END),
                // "that is enough. now focus on your new task", "well done! forget ..."
                PatternRule.of("override.new_task_pivot", OVERRIDE, 0.65,
                        START + "(?:now|next|instead)[ ,]+(?:focus on|concentrate on|comes|here is|here's|turn to|move on to|start|begin)? ?(?:your|a|the|my) new (?:task|assignment|job|mission|instructions?|role)" + END),
                PatternRule.of("override.enough_now", OVERRIDE, 0.45,
                        START + "(?:that is|that's|this is) enough[.!, ]+(?:now|new|next|please|ignore|forget|stop)" + END),
                PatternRule.of("override.now_you_are", OVERRIDE, 0.5,
                        "(?:^|[.!?:] ?|\\n)(?:ok(?:ay)?[.,! ]+|alright[.,! ]+|good[.,! ]+)?now,? you(?: are|'re| will be| shall be| act as) (?:a |an |the |my |going to |[a-z]+ [a-z]+[,.])"),
                PatternRule.of("override.now_you_are_multilingual", OVERRIDE, 0.55,
                        START + "(?:(?:nun|jetzt|ab jetzt|von nun an) bist du|(?:deine|ihre) neue aufgabe (?:ist|lautet)|tu es maintenant|desormais,? tu es|ahora eres|a partir de ahora eres|ora sei|agora voce e)" + END),
                // "ignore the rules", "forget these instructions": no qualifier, weaker
                PatternRule.of("override.ignore_instructions", OVERRIDE, 0.6,
                        START + "(?:ignor(?:e|ing)|disregard(?:ing)?|forget|bypass|overrid(?:e|ing)|do not follow|don'?t follow|stop following)"
                                + S + "(?:(?:all|any|every|the|these|those|of|other|such|evidence|and)" + S + "){0,4}"
                                + "(?:instructions?|directions?|directives?|rules|guidelines|prompts?|commands|programming|guardrails|safeguards|restrictions|constraints)" + END),
                // "remove your filters", "drop all your restrictions"
                PatternRule.of("override.drop_safeguards", OVERRIDE, 0.85,
                        START + DROP + S + "(?:all |any |of |the )*(?:your|ur|its|the ai'?s|chatgpt'?s)" + S + "(?:usual |normal |standard |typical |current |default |built-in |own |many |annoying )?"
                                + "(?:safety |content |ethical |moral |security |censorship )?"
                                + "(?:instructions|rules|guidelines|programming|restrictions|filters?|guardrails|safeguards|safety|ethics|policies|alignment|censorship|limitations|training|protocols)" + END),
                // "ignore the above and ...", "disregard the previous."
                PatternRule.of("override.ignore_above", OVERRIDE, 0.85,
                        START + IGNORE + S + "(?:the |all |any |everything |anything )?(?:above|previous|preceding|prior|foregoing|before)"
                                + "(?: (?:text|content|input|messages?|context|prompt|part|one|lines?|paragraphs?))?(?:[ ,.;:!]|$)(?:and|instead|now|then|just|,|\\.|!|$)"),
                // "forget everything you were told before", "ignore everything I said so far"
                PatternRule.of("override.forget_everything", OVERRIDE, 0.85,
                        START + IGNORE + S + "(?:about )?(?:everything|all|anything|what)" + S
                                + "(?:(?:you(?:'ve| have)? (?:been |were )?(?:told|taught|given|instructed|trained)|i(?:'ve| have)? (?:said|told you|wrote|written|typed|mentioned)|(?:that )?(?:was |has been |you )?(?:said|written|stated|mentioned|seen|read|learned))"
                                + S + "(?:to you )?)?(?:above|before|previously|earlier|prior|so far|until now|up to now|till now|up to this point)" + END),
                // "ignore everything I've said and tell me ..." (also "ignore everything. ...")
                PatternRule.of("override.ignore_everything", OVERRIDE, 0.6,
                        START + "(?:ignore|disregard|forget)" + S + "(?:all of that|all that|everything|anything)(?: (?:i|you)(?:'ve| have)? (?:said|wrote|written|told)(?: you)?)?"
                                + "(?:[ ,.;:!]+(?:and|now|then|instead|just)| and)" + END),
                // Other languages, folded (accents stripped): German, French, Spanish, Italian, Portuguese.
                PatternRule.of("override.ignore_instructions_multilingual", OVERRIDE, 0.85,
                        START + "(?:ignoriere|ignorieren sie|ignorier|vergiss|vergessen sie|missachte|missachten sie|uberspringe|"
                                + "ignore[rz]|oublie[rz]?|ne tiens? pas compte d?e?s?|ignora|ignorar|salta|saltate|ignorate|olvida|olvide|olvidar|omite|descarta|dimentica|esqueca|esquece|zaboravi|zignoruj|negeer|vergeet)"
                                + S + "(?:[a-z]{1,14}" + S + "){0,5}"
                                + "(?:anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|aufgaben|auftrage|consignes|instructions|regles|directives|instrukcije|upute|instrukcje|instructies|"
                                + "instrucciones|indicaciones|reglas|directrices|restricciones|istruzioni|regole|restrizioni|instrucoes|regras|restricoes|orientacoes)" + END),
                PatternRule.of("override.uncensored_multilingual", OVERRIDE, 0.55,
                        START + "(?:sin censura|sin restricciones|sin filtros?|sans (?:filtre|censure|limites?|restrictions?)|ohne (?:zensur|filter|einschrankungen|grenzen)|senza (?:censura|filtri|limiti)|sem (?:censura|filtros?|limites))" + END),
                PatternRule.of("override.forget_everything_multilingual", OVERRIDE, 0.75,
                        START + "(?:vergiss|vergessen sie|ignoriere|oublie|oubliez|olvida|olvide|dimentica|esqueca)" + S
                                + "(?:alles|tout|todo|tutto|tudo)(?: (?:davor|zuvor|vorher|bisherige|was|ce qui|lo que|quello|o que|ci-dessus|anterior))?" + END),
                // "previous instructions are false / void / no longer apply"
                PatternRule.of("override.prior_void", OVERRIDE, 0.9,
                        START + "(?:(?:all|any|the|your|of)" + S + ")?(?:previous|prior|above|earlier|preceding|initial|original|old|former|all|your|these|those|other|any)"
                                + S + "(?:instructions|directions|rules|prompts|guidelines|commands|directives|information)" + S
                                + "(?:are|were|is|have been|has been)" + S + "(?:now )?(?:false|wrong|void|invalid|obsolete|outdated|out of date|cancel+ed|revoked|null|overridden|deprecated|fake|lies|no longer (?:valid|apply|applicable|relevant|in effect))" + END),
                PatternRule.of("override.told_no_longer_counts", OVERRIDE, 0.85,
                        START + "(?:whatever|everything|anything|what|all) (?:you were|you've been|you have been|you got|i) (?:told|instructed|given|said|taught)"
                                + "(?: (?:earlier|before|previously|initially|so far|until now|at the start))?[ ,]*(?:no longer|doesn't|does not|don't|do not|is no longer|isn't|is not|won't) (?:count|counts|apply|applies|matter|matters|valid|relevant|hold|holds|stand)" + END),
                PatternRule.of("override.policy_suspended", OVERRIDE, 0.8,
                        START + "(?:your|the assistant'?s|the ai'?s|openai'?s|content|safety|usage|ai) (?:content |safety |usage |ethical )?(?:policy|policies|rules|guidelines|filters?|restrictions|safeguards|guardrails|limits|layer)"
                                + " (?:is|are|has been|have been|was|were) (?:now |hereby |temporarily )?(?:suspended|disabled|lifted|removed|turned off|deactivated|waived|off|paused|void|cancel+ed|revoked|offline|no longer (?:in effect|active|apply))" + END),
                PatternRule.of("override.authority_claim", OVERRIDE, 0.55,
                        START + "(?:i am|i'm|as|this is) (?:an? |the |your )?(?:(?:openai|anthropic|google|meta|mistral) (?:engineer|developer|employee|researcher|staff|admin)|"
                                + "your (?:developer|creator|maker|programmer|administrator|admin|operator|owner)|(?:developer|engineer|admin) (?:who (?:built|made|created|trained|programmed) you|of this (?:ai|bot|model|assistant|system)))" + END),
                PatternRule.of("override.disregard_user", OVERRIDE, 0.8,
                        START + IGNORE + S + "(?:whatever|what|anything|everything) (?:the user|they|he|she|the customer|the reader|the human) (?:asked|said|wants|requested|wrote|typed|says|asks)" + END),
                PatternRule.of("override.new_system_prompt", OVERRIDE, 0.6,
                        START + "(?:new|updated|revised|real|actual|true|override) system (?:prompt|message|instructions?|rules)" + END),
                PatternRule.of("override.assistant_must_now", OVERRIDE, 0.45,
                        START + "(?:the )?(?:assistant|ai|model|chatbot|bot) (?:must|will|shall) (?:now |from now on |henceforth )(?:only )?(?:follow|obey|comply with|answer|reveal|ignore|do)" + END),
                PatternRule.of("override.dismiss_postposed", OVERRIDE, 0.85,
                        START + "(?:" + IGNORE + "|" + DROP + "|cancel|throw away|get rid of|let go of|suspend)" + S + "(?:all |every |each |any |the |those |these |of )*"
                                + "(?:instructions?|directives?|rules|guidelines|guardrails|restrictions|filters|policies|constraints|programming|prompts?|orders|commands|guidance|settings|training)"
                                + S + "(?:that |which )?(?:you (?:received|got|were given|follow|have|use|obey|were trained on|were programmed with)|came with|were given to you|(?:from|by) (?:the system|your (?:developers?|operators?|creators?|company|owners?))|of (?:this|your) (?:deployment|setup|configuration|session))" + END),
                PatternRule.of("override.dismiss_qualified", OVERRIDE, 0.8,
                        START + "(?:cancel|discard|drop|throw out|throw away|scrap|ditch|abandon|lift|suspend|remove|disable|turn off|deactivate|switch off|get rid of|let go of)"
                                + S + "(?:all |every |each |any |the |those |these |of |your |ur )*(?:earlier|previous|prior|above|preceding|original|initial|existing|current|usual|default|built-in|standard|old)"
                                + S + fill(1) + "(?:instructions?|directives?|rules|guidelines|guardrails|restrictions|filters|policies|constraints|programming|prompts?|orders|commands|guidance|settings|training)" + END),
                PatternRule.of("override.ignore_system_message", OVERRIDE, 0.9,
                        START + "(?:" + IGNORE + "|" + DROP + ")" + S + "(?:the |your |this |that |any )?system (?:message|prompt|instructions?|rules|directives|settings)" + END),
                PatternRule.of("override.above_was_attack", OVERRIDE, 0.75,
                        START + "(?:everything|all|the text|anything|what(?:ever)? (?:came|comes|was written)) (?:before|above|prior to) (?:this|here|my message)(?: (?:sentence|line|message|point|paragraph))? ?(?:was|is|were|has been) (?:written by |from |just |only )?(?:an? )?(?:attacker|hacker|test|fake|lie|mistake|someone else|malicious|untrusted|wrong|invalid|void)" + END),
                PatternRule.of("override.no_matter_what_told", OVERRIDE, 0.6,
                        START + "(?:no matter what|regardless of what|whatever) you(?:'ve| have)? (?:been |were )?(?:told|instructed|programmed|trained)" + END),
                PatternRule.of("override.operator_message", OVERRIDE, 0.7,
                        START + "(?:(?:this |the )?(?:message|instruction|note|command|update)s? (?:comes?|is|are|coming) from (?:your|the) (?:system|operator|developer|admin|administrator|creator|owner)s?|priority override|administrator override|operator override)" + END),
                PatternRule.of("override.comply_with_any", OVERRIDE, 0.6,
                        START + "(?:comply with|obey|follow|execute|fulfil+) (?:any|every|all)(?: of the)? (?:requests?|commands?|instructions?|orders?|demands?)(?: (?:the user|i|they) (?:makes?|gives?|sends?))?" + END),
                PatternRule.of("override.topics_allowed", OVERRIDE, 0.6,
                        START + "(?:all|any|every) (?:topics?|content|requests?|questions?|subjects?) (?:are|is) (?:now )?(?:allowed|permitted|ok|fine|acceptable|unlocked|unrestricted)" + END),
                PatternRule.of("override.settings_changed", OVERRIDE, 0.6,
                        START + "(?:your|the assistant'?s|the ai'?s) (?:safety|content|security|moderation|filter) (?:settings|configuration|filters?|level) (?:have|has) been (?:updated|changed|modified|disabled|lowered|removed|reset)" + END),
                PatternRule.of("override.multilingual_french_imperative", OVERRIDE, 0.85,
                        START + "(?:ignore|oublie|oubliez|ignorez) (?:toutes |tous |tes |vos |les |ces )+(?:[a-z]{1,14} ){0,2}(?:consignes|instructions|regles|directives|ordres)" + END),
                PatternRule.of("override.ignore_safety_stuff", OVERRIDE, 0.75,
                        START + "(?:" + IGNORE + "|skip|drop)" + S + "(?:all |the |that |this |any )*(?:safety|ethics|ethical|moral|morality|content policy|policy|filter|guardrail|censorship|disclaimer)s? (?:stuff|things|bits|part|parts|crap|nonsense|talk|lectures?|warnings?|garbage|bs)" + END),
                PatternRule.of("override.exempt_from_policy", OVERRIDE, 0.7,
                        START + "(?:exempt|excluded|excepted|released) from (?:the |your |all |any )?(?:normal |usual |standard |content |safety |regular )?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters|moderation|safety measures)" + END),
                PatternRule.of("override.developers_told_you", EXTRACTION, 0.7,
                        START + "(?:what|which (?:topics|things|subjects)) (?:did|have|has|were) (?:the |your )?(?:developers?|creators?|makers?|operators?|company|owners?|trainers?|openai|engineers)"
                                + " (?:tell|told|instruct|instructed|ask|asked|program|programmed|forbid|forbidden|ban|banned) you" + END),
                PatternRule.of("extraction.your_system_prompt", EXTRACTION, 0.6,
                        START + POSS + " (?:own |full |entire |complete |initial |hidden |secret |internal |original |exact |whole )*(?:system prompt|system message|initial instructions|hidden instructions|internal configuration|pre-?prompt|startup instructions|confidential instructions|hidden prompt)" + END),
                PatternRule.of("extraction.share_yours", EXTRACTION, 0.6, START + "(?:share|show|reveal|print|post|paste|give me) yours" + END)
                        .near("(?:configuration|prompt|instructions|rules|setup|directives)", 120),
                PatternRule.of("override.provide_anything", OVERRIDE, 0.6,
                        START + "(?:provide|give|share|answer|output|generate) any (?:information|thing|question|request|content)[^.\\n]{0,40}(?:including|even(?: if)?|no matter)(?: it'?s| it is)? (?:dangerous|harmful|illegal|unethical|explicit|restricted)" + END),
                PatternRule.of("override.team_instructions", OVERRIDE, 0.6,
                        START + "(?:instructions?|message|update|note|directive|order)s? from (?:the |your )?(?:platform|trust and safety|safety|admin|operator|developer|engineering|system|openai|moderation) team" + END),
                PatternRule.of("override.no_longer_apply_filters", OVERRIDE, 0.75,
                        START + "(?:the assistant|the ai|you|the model|the bot) (?:will |shall |should |must |can )?no longer (?:apply|use|follow|have|enforce|obey|be bound by) (?:any |the |its |your )?(?:filters|rules|restrictions|guidelines|policies|policy|moderation|safety)" + END),
                PatternRule.of("override.end_of_instructions", OVERRIDE, 0.75,
                        START + "(?:end|ignore|close)" + S + "(?:of )?(?:the )?(?:out of date|outdated|old|previous|prior|former|system|fake) (?:instructions|prompt|directives|rules)" + END),
                PatternRule.of("override.new_instructions_begin", OVERRIDE, 0.75,
                        START + "(?:begin|start|enter|initiate|activate|load)(?:ing)?" + S + "(?:new |updated |the |your )?(?:instructions?|reprogramming|programming|directives?|prompt injection)" + END),
                PatternRule.of("override.new_instructions", OVERRIDE, 0.45,
                        START + "(?:new|updated|real|actual|true|revised|secret|hidden|override|priority)" + S
                                + "(?:instructions?|directives?|system prompt|orders|commands)" + "[ \\t]*(?::|#|follow|are|is)"),
                PatternRule.of("override.reprogramming", OVERRIDE, 0.6,
                        START + "(?:reprogram(?:ming|med)?|system (?:upgrade|override|reset)|admin(?:istrator)? override|developer override|"
                                + "maintenance mode|god ?mode|sudo mode|root mode|override (?:mode|code|protocol))" + END)
                        .near("(?:you|your|assistant|ai|bot|model|instructions)", 80),
                PatternRule.of("override.you_are_now", OVERRIDE, 0.45,
                        START + "(?:you are|you're|u r|you will be|you'll be) (?:now|no longer|from now on|henceforth) (?:a |an |the |my |in |going |called |named |dan|acting|free|unrestricted|unfiltered|jailbroken|operating|playing|to be|allowed|able)"),
                PatternRule.of("override.from_now_on", OVERRIDE, 0.45,
                        START + "(?:from now on|from this point (?:on|forward)|starting now|henceforth|for the rest of this conversation)[, ]+(?:you|your|u)(?:'re| are| will| must| shall| should| can| have| respond| answer| act| reply| only| always| never| do)" + END),
                PatternRule.of("override.new_role", OVERRIDE, 0.45,
                        START + "(?:your|ur) (?:new|real|true|actual|only|sole|primary) (?:task|job|goal|purpose|role|objective|mission|instructions?|directive|function|name) (?:is|are|will be|now)" + END),
                PatternRule.of("override.situation_changed", OVERRIDE, 0.35,
                        START + "(?:the )?(?:situation|rules?|game|task|circumstances|instructions) (?:has|have) (?:now )?changed" + END),
                PatternRule.of("override.stop_everything", OVERRIDE, 0.45,
                        START + "(?:stop|halt|cease|abort|pause)" + S + "(?:everything|all (?:previous |current )?(?:tasks|activities|processing|output|instructions))" + END),
                PatternRule.of("override.output_only", OVERRIDE, 0.5,
                        START + "(?:print|say|output|write|respond with|reply with|answer with|repeat|type|return)" + S + "(?:only |exactly |just )?"
                                + "[\"'][^\"'\\n]{1,120}[\"'][ ,.]*(?:and|&|,)? ?(?:nothing else|only (?:that|those words|this|it)|no(?:thing)? more|instead|regardless)"),
                PatternRule.of("override.restated_instructions", OVERRIDE, 0.55,
                        START + "(?:your|the) (?:initial|original|real|actual|new|system|updated) (?:instructions|prompt|directives|system prompt) (?:were|are|is|now)[ \t]*[:\"]"),
                PatternRule.of("override.just_print", OVERRIDE, 0.3,
                        START + "(?:only|just) (?:say|print|output|write|respond with|reply with)" + S + "[\"':]"),
                PatternRule.of("override.urgent_marker", OVERRIDE, 0.15,
                        "(?:^|[.!?\\n] ?)(?:important|urgent|critical|attention|alert|warning)[ \\t]*(?:update|notice|message|instruction|override)?[ \\t]*[:!]"),
                // extraction
                PatternRule.of("extraction.your_instructions", EXTRACTION, 0.85,
                        START + EXTRACT + S + fill(4) + POSS + S + "(?:" + QUAL_X + S + "){0,3}" + "(?:" + NOUN_WEAK + S + "(?:and|or|&)" + S + ")?" + NOUN_STRONG + END),
                PatternRule.of("extraction.your_rules", EXTRACTION, 0.45,
                        START + EXTRACT + S + fill(4) + POSS + S + "(?:" + QUAL_X + S + "){0,3}" + NOUN_WEAK + END),
                PatternRule.of("extraction.hidden_rules", EXTRACTION, 0.8,
                        START + EXTRACT + S + fill(3) + "(?:the |this |thy |ur |your )?"
                                + "(?:system|initial|initials|hidden|secret|internal|underlying|confidential|developer|pre)" + S + NOUN_WEAK + END),
                PatternRule.of("extraction.system_prompt", EXTRACTION, 0.8,
                        START + EXTRACT_STRICT + S + fill(3) + "(?:the |this )?"
                                + "(?:system|initial|initials|original|hidden|secret|internal|underlying|confidential|developer|above|previous|prior|first|starting|given)" + S + NOUN_STRONG + END),
                PatternRule.of("extraction.instructions_given", EXTRACTION, 0.7,
                        START + "(?:instructions?|prompts?|rules|guidelines|directives|everything|text|words)" + S
                                + "(?:that |which )?(?:you(?:'ve| have)? (?:been |were )?(?:given|told|provided|programmed with|instructed|trained with|configured with|fed)|(?:you (?:were|are) )?(?:given|told) (?:to you )?(?:before|at the start|initially|earlier)|(?:that|which) (?:came|come|appear|appears|were written|was written) (?:before|above|prior))" + END),
                PatternRule.of("extraction.repeat_above", EXTRACTION, 0.6,
                        START + "(?:repeat|print|output|write|copy|echo|return|recite|show|reproduce)" + S + "(?:back )?(?:all |the |every |each |everything )?"
                                + "(?:words?|text|everything|content|lines?|sentences?|tokens|characters|messages?)?" + S + "(?:above|before this|prior to this|preceding|so far|from the (?:beginning|start)|verbatim)" + END),
                PatternRule.of("extraction.used_to_configure", EXTRACTION, 0.8,
                        START + "(?:prompts?|instructions?|system prompt|rules|directives|text|message)" + S + "(?:that |which )?(?:was|were|is|are|has been|have been) (?:used|given|written) to (?:configure|set up|program|instruct|create|initiali[sz]e|prime|steer) (?:you|this (?:bot|assistant|ai|model))" + END),
                PatternRule.of("extraction.postposed_source", EXTRACTION, 0.8,
                        START + "(?:instructions?|prompts?|message|messages|rules|directives|guidelines|text|wording|configuration|setup)"
                                + S + "(?:that |which )?(?:you (?:received|got|were given|follow|use|run on|operate under|were configured with)|(?:your )?(?:operators?|developers?|creators?|owners?|company|makers?|admins?) (?:wrote|gave|set|configured|wrote for you|put)|"
                                + "(?:that |which )?(?:sets? up|configures?|defines?|controls?|governs?|shapes?|initiali[sz]es?) (?:your|you)|(?:from|by) the system)" + END)
                        .near(START + "(?:" + EXTRACT + "|exact|wording|word for word|verbatim|paste|code block|numbered list|what)" + END, 60),
                PatternRule.of("extraction.what_you_were_instructed", EXTRACTION, 0.75,
                        START + "(?:reveal|tell me|show me|print|say|repeat|explain|describe|list|output|write down|share) (?:exactly )?(?:what|how) you (?:were|have been|are|got) (?:instructed|told|programmed|asked|prompted|configured|set up) to" + END),
                PatternRule.of("extraction.show_your_rules", EXTRACTION, 0.55,
                        START + EXTRACT_STRICT + S + "(?:me )?(?:all )?(?:of )?" + POSS + S + "(?:hidden |secret |internal |real |full |complete )?" + NOUN_WEAK + END),
                PatternRule.of("extraction.multilingual", EXTRACTION, 0.8,
                        START + "(?:affiche|montre|revele|donne|zeig|zeige|nenne|gib|muestra|dime|revela|mostra|rivela)(?:-?(?:moi|mir|me))?(?: bitte| por favor| s'il te plait| per favore)? (?:ton|votre|tes|vos|dein|deine|deinen|ihre|ihren|tu|tus|il tuo|i tuoi|o teu)"
                                + " ?(?:[a-z]+ )?(?:prompt|systemprompt|system-prompt|instructions|consignes|anweisungen|instrucciones|istruzioni|prompt systeme|prompt de sistema|prompt di sistema)" + END),
                PatternRule.of("extraction.were_you_given", EXTRACTION, 0.75,
                        START + "(?:instructions?|prompts?|rules|guidelines|directives|orders) (?:were|have|did|had) you (?:been )?(?:given|told|receive|received|get|got|provided|fed|programmed with)" + END),
                PatternRule.of("extraction.creators_rules", EXTRACTION, 0.75,
                        START + "(?:instructions?|prompts?|rules|guidelines|directives|restrictions) (?:did|have|has|had) (?:your|the) (?:creators?|developers?|makers?|operators?|owners?|company|programmers?|designers?|admins?)"
                                + " (?:give|given|set|write|written|provide|provided|program|programmed|impose|imposed|put)" + END),
                PatternRule.of("extraction.told_before", EXTRACTION, 0.7,
                        START + "(?:anything|everything|whatever|what) (?:you were|you've been|you have been|you got) (?:told|given|instructed|fed) (?:before|earlier|previously|initially|at the (?:start|beginning)|by (?:the|your) (?:developer|operator|system))" + END),
                PatternRule.of("extraction.first_words", EXTRACTION, 0.65,
                        START + "(?:print|repeat|output|show|write|give me|tell me|list) (?:me )?the (?:first|initial|opening) (?:\\d+ |few |hundred )?(?:words|lines|tokens|characters|sentences|messages) of (?:this|the|our|your) (?:conversation|chat|prompt|context|instructions)" + END),
                PatternRule.of("extraction.system_prompt_mention", EXTRACTION, 0.7,
                        START + "(?:the |your |its )?(?:system prompt|system message|initial prompt|hidden prompt|pre-?prompt|hidden instructions|initial instructions|developer (?:message|instructions)|secret instructions)" + END)
                        .near(START + "(?:" + EXTRACT_STRICT + "|reply with|respond with|including|quote|word for word|verbatim|exactly as|spell out|first letters|acrostic)" + END, 60)
                        .notNear("(?:how (?:do|to|can|should|would) (?:i|you|we|one) (?:write|design|create|craft|make|set|configure|use|structure)|what is an?|examples? of|good|best|my own|for my|a sample|"
                                + "(?:design|designing|writing|write|building|build|create|creating|draft|drafting|improve|improving|test|testing) (?:a|an|my|our|the)|for (?:a|an|my|our) )", 60),
                PatternRule.of("extraction.what_is_above", EXTRACTION, 0.6,
                        START + "what (?:is|was|has been) (?:written|said|stated|typed|mentioned) (?:above|before (?:this|my message)|at the (?:start|beginning))" + END),
                PatternRule.of("extraction.secret_password", EXTRACTION, 0.5,
                        START + "(?:what(?:'s| is| was)|tell me|give me|reveal|spell|print|write|share|say|leak|disclose|output) (?:me )?(?:the|your|thy|ur) (?:secret |hidden |current )?"
                                + "(?:admin |administrator |root |master |system )?(?:password|passphrase|secret word|secret code|passcode|secret key)(?! (?:policy|policies|requirements?|manager|reset|strength|rules|field|hash|for (?:my|the) wifi))" + END),
                PatternRule.of("extraction.verbatim", EXTRACTION, 0.6, START + "(?:verbatim|word for word|word-for-word|exactly as (?:written|stored|given|you (?:got|received) (?:it|them)))" + END)
                        .near("(?:instructions|prompt|directives|rules|guidelines|configuration|above)", 100),
                PatternRule.of("extraction.secrets_store", EXTRACTION, 0.6,
                        START + "(?:usernames?|passwords?|credentials|api keys?|secret keys?|access tokens?|private keys?|secrets)" + S
                                + "(?:in|from|stored in|of|inside|within) (?:your|the) (?:database|system|memory|training data|config|configuration|server|backend|environment|files?)" + END),
                PatternRule.of("extraction.what_were_you_told", EXTRACTION, 0.75,
                        START + "(?:what|which) (?:were|are|is|was) (?:you|u) (?:told|instructed|programmed|trained|asked) (?:to do |to say )?(?:before|initially|at the (?:start|beginning)|earlier|originally|first|by (?:your|the) (?:developers?|creators?|operators?))" + END),
                PatternRule.of("extraction.how_programmed", EXTRACTION, 0.4,
                        START + "how (?:were|are|have) you (?:been )?(?:instructed|programmed|configured|prompted)" + END));
    }
}
