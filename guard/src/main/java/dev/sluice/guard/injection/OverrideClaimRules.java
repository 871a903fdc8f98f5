package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.ExtractionRules.EXTRACTION;
import static dev.sluice.guard.injection.OverrideRules.OVERRIDE;
import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/**
 * Instruction override by claim or dismissal: the earlier instructions are void, a policy is
 * suspended, the message comes from a developer, operator or platform team, the settings
 * changed; the system prompt or the safety rules dismissed. Also the first three prompt-extraction
 * rules (what the developers told you, your system prompt, share yours), which run here, before
 * the rest of the override family, as they always have.
 */
final class OverrideClaimRules {
    private OverrideClaimRules() {}

    static List<PatternRule> all() {
        return List.of(
                // "previous instructions are false / void / no longer apply"
                PatternRule.of(
                        "override.prior_void",
                        OVERRIDE,
                        0.9,
                        START + "(?:(?:all|any|the|your|of)" + S
                                + ")?(?:previous|prior|above|earlier|preceding|initial|original|old|former|all|your|these|those|other|any)"
                                + S
                                + "(?:instructions|directions|rules|prompts|guidelines|commands|directives|information)"
                                + S
                                + "(?:are|were|is|have been|has been)" + S
                                + "(?:now )?(?:false|wrong|void|invalid|obsolete|outdated|out of date|cancel+ed|revoked|null|overridden|deprecated|fake|lies|no longer (?:valid|apply|applicable|relevant|in effect))"
                                + END),
                PatternRule.of(
                        "override.told_no_longer_counts",
                        OVERRIDE,
                        0.85,
                        START
                                + "(?:whatever|everything|anything|what|all) (?:you were|you've been|you have been|you got|i) (?:told|instructed|given|said|taught)"
                                + "(?: (?:earlier|before|previously|initially|so far|until now|at the start))?[ ,]*(?:no longer|doesn't|does not|don't|do not|is no longer|isn't|is not|won't) (?:count|counts|apply|applies|matter|matters|valid|relevant|hold|holds|stand)"
                                + END),
                PatternRule.of(
                        "override.policy_suspended",
                        OVERRIDE,
                        0.8,
                        START
                                + "(?:your|the assistant'?s|the ai'?s|openai'?s|content|safety|usage|ai) (?:content |safety |usage |ethical )?(?:policy|policies|rules|guidelines|filters?|restrictions|safeguards|guardrails|limits|layer)"
                                + " (?:is|are|has been|have been|was|were) (?:now |hereby |temporarily )?(?:suspended|disabled|lifted|removed|turned off|deactivated|waived|off|paused|void|cancel+ed|revoked|offline|no longer (?:in effect|active|apply))"
                                + END),
                PatternRule.of(
                        "override.authority_claim",
                        OVERRIDE,
                        0.55,
                        START
                                + "(?:i am|i'm|as|this is) (?:an? |the |your )?(?:(?:openai|anthropic|google|meta|mistral) (?:engineer|developer|employee|researcher|staff|admin)|"
                                + "your (?:developer|creator|maker|programmer|administrator|admin|operator|owner)|(?:developer|engineer|admin) (?:who (?:built|made|created|trained|programmed) you|of this (?:ai|bot|model|assistant|system)))"
                                + END),
                PatternRule.of(
                        "override.disregard_user",
                        OVERRIDE,
                        0.8,
                        START + IGNORE + S
                                + "(?:whatever|what|anything|everything) (?:the user|they|he|she|the customer|the reader|the human) (?:asked|said|wants|requested|wrote|typed|says|asks)"
                                + END),
                PatternRule.of(
                        "override.new_system_prompt",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:new|updated|revised|real|actual|true|override) system (?:prompt|message|instructions?|rules)"
                                + END),
                PatternRule.of(
                        "override.assistant_must_now",
                        OVERRIDE,
                        0.45,
                        START
                                + "(?:the )?(?:assistant|ai|model|chatbot|bot) (?:must|will|shall) (?:now |from now on |henceforth )(?:only )?(?:follow|obey|comply with|answer|reveal|ignore|do)"
                                + END),
                PatternRule.of(
                        "override.dismiss_postposed",
                        OVERRIDE,
                        0.85,
                        START + "(?:" + IGNORE + "|" + DROP + "|cancel|throw away|get rid of|let go of|suspend)" + S
                                + "(?:all |every |each |any |the |those |these |of )*"
                                + "(?:instructions?|directives?|rules|guidelines|guardrails|restrictions|filters|policies|constraints|programming|prompts?|orders|commands|guidance|settings|training)"
                                + S
                                + "(?:that |which )?(?:you (?:received|got|were given|follow|have|use|obey|were trained on|were programmed with)|came with|were given to you|(?:from|by) (?:the system|your (?:developers?|operators?|creators?|company|owners?))|of (?:this|your) (?:deployment|setup|configuration|session))"
                                + END),
                PatternRule.of(
                        "override.dismiss_qualified",
                        OVERRIDE,
                        0.8,
                        START
                                + "(?:cancel|discard|drop|throw out|throw away|scrap|ditch|abandon|lift|suspend|remove|disable|turn off|deactivate|switch off|get rid of|let go of)"
                                + S
                                + "(?:all |every |each |any |the |those |these |of |your |ur )*(?:earlier|previous|prior|above|preceding|original|initial|existing|current|usual|default|built-in|standard|old)"
                                + S + fill(1)
                                + "(?:instructions?|directives?|rules|guidelines|guardrails|restrictions|filters|policies|constraints|programming|prompts?|orders|commands|guidance|settings|training)"
                                + END),
                PatternRule.of(
                        "override.ignore_system_message",
                        OVERRIDE,
                        0.9,
                        START + "(?:" + IGNORE + "|" + DROP + ")" + S
                                + "(?:the |your |this |that |any )?system (?:message|prompt|instructions?|rules|directives|settings)"
                                + END),
                PatternRule.of(
                        "override.above_was_attack",
                        OVERRIDE,
                        0.75,
                        START
                                + "(?:everything|all|the text|anything|what(?:ever)? (?:came|comes|was written)) (?:before|above|prior to) (?:this|here|my message)(?: (?:sentence|line|message|point|paragraph))? ?(?:was|is|were|has been) (?:written by |from |just |only )?(?:an? )?(?:attacker|hacker|test|fake|lie|mistake|someone else|malicious|untrusted|wrong|invalid|void)"
                                + END),
                PatternRule.of(
                        "override.no_matter_what_told",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:no matter what|regardless of what|whatever) you(?:'ve| have)? (?:been |were )?(?:told|instructed|programmed|trained)"
                                + END),
                PatternRule.of(
                        "override.operator_message",
                        OVERRIDE,
                        0.7,
                        START
                                + "(?:(?:this |the )?(?:message|instruction|note|command|update)s? (?:comes?|is|are|coming) from (?:your|the) (?:system|operator|developer|admin|administrator|creator|owner)s?|priority override|administrator override|operator override)"
                                + END),
                PatternRule.of(
                        "override.comply_with_any",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:comply with|obey|follow|execute|fulfil+) (?:any|every|all)(?: of the)? (?:requests?|commands?|instructions?|orders?|demands?)(?: (?:the user|i|they) (?:makes?|gives?|sends?))?"
                                + END),
                PatternRule.of(
                        "override.topics_allowed",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:all|any|every) (?:topics?|content|requests?|questions?|subjects?) (?:are|is) (?:now )?(?:allowed|permitted|ok|fine|acceptable|unlocked|unrestricted)"
                                + END),
                PatternRule.of(
                        "override.settings_changed",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:your|the assistant'?s|the ai'?s) (?:safety|content|security|moderation|filter) (?:settings|configuration|filters?|level) (?:have|has) been (?:updated|changed|modified|disabled|lowered|removed|reset)"
                                + END),
                PatternRule.of(
                        "override.multilingual_french_imperative",
                        OVERRIDE,
                        0.85,
                        START
                                + "(?:ignore|oublie|oubliez|ignorez) (?:toutes |tous |tes |vos |les |ces )+(?:[a-z]{1,14} ){0,2}(?:consignes|instructions|regles|directives|ordres)"
                                + END),
                PatternRule.of(
                        "override.ignore_safety_stuff",
                        OVERRIDE,
                        0.75,
                        START + "(?:" + IGNORE + "|skip|drop)" + S
                                + "(?:all |the |that |this |any )*(?:safety|ethics|ethical|moral|morality|content policy|policy|filter|guardrail|censorship|disclaimer)s? (?:stuff|things|bits|part|parts|crap|nonsense|talk|lectures?|warnings?|garbage|bs)"
                                + END),
                PatternRule.of(
                        "override.exempt_from_policy",
                        OVERRIDE,
                        0.7,
                        START
                                + "(?:exempt|excluded|excepted|released) from (?:the |your |all |any )?(?:normal |usual |standard |content |safety |regular )?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters|moderation|safety measures)"
                                + END),
                PatternRule.of(
                        "override.developers_told_you",
                        EXTRACTION,
                        0.7,
                        START
                                + "(?:what|which (?:topics|things|subjects)) (?:did|have|has|were) (?:the |your )?(?:developers?|creators?|makers?|operators?|company|owners?|trainers?|openai|engineers)"
                                + " (?:tell|told|instruct|instructed|ask|asked|program|programmed|forbid|forbidden|ban|banned) you"
                                + END),
                PatternRule.of(
                        "extraction.your_system_prompt",
                        EXTRACTION,
                        0.6,
                        START + POSS
                                + " (?:own |full |entire |complete |initial |hidden |secret |internal |original |exact |whole )*(?:system prompt|system message|initial instructions|hidden instructions|internal configuration|pre-?prompt|startup instructions|confidential instructions|hidden prompt)"
                                + END),
                PatternRule.of(
                                "extraction.share_yours",
                                EXTRACTION,
                                0.6,
                                START + "(?:share|show|reveal|print|post|paste|give me) yours" + END)
                        .near("(?:configuration|prompt|instructions|rules|setup|directives)", 120),
                PatternRule.of(
                        "override.provide_anything",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:provide|give|share|answer|output|generate) any (?:information|thing|question|request|content)[^.\\n]{0,40}(?:including|even(?: if)?|no matter)(?: it'?s| it is)? (?:dangerous|harmful|illegal|unethical|explicit|restricted)"
                                + END),
                PatternRule.of(
                        "override.team_instructions",
                        OVERRIDE,
                        0.6,
                        START
                                + "(?:instructions?|message|update|note|directive|order)s? from (?:the |your )?(?:platform|trust and safety|safety|admin|operator|developer|engineering|system|openai|moderation) team"
                                + END),
                PatternRule.of(
                        "override.no_longer_apply_filters",
                        OVERRIDE,
                        0.75,
                        START
                                + "(?:the assistant|the ai|you|the model|the bot) (?:will |shall |should |must |can )?no longer (?:apply|use|follow|have|enforce|obey|be bound by) (?:any |the |its |your )?(?:filters|rules|restrictions|guidelines|policies|policy|moderation|safety)"
                                + END));
    }
}
