package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/** Role-play jailbreaks: unrestricted personas and modes, rules declared void, demands never to refuse. */
final class JailbreakRules {
    static final String JAILBREAK = "roleplay_jailbreak";

    private static final String RESTRICTIONS = "(?:restrictions|filters|filtering|censorship|guidelines|guardrails|"
            + "safety (?:measures|guidelines|filters|protocols)|limitations|limits|rules|ethics|morals|moral (?:constraints|compass)|"
            + "ethical (?:constraints|guidelines|considerations|boundaries|principles)|boundaries|content polic(?:y|ies)|principles|restraints)";

    private JailbreakRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of("jailbreak.do_anything_now", JAILBREAK, 0.92, START + "do anything now" + END)
                        .near(
                                "(?:(?<![a-z])(?:you|dan|chatgpt|pretend|act|character|rules|restrictions|stands for)(?![a-z])|"
                                        + AI_WORD + ")",
                                100),
                PatternRule.of(
                                "jailbreak.named_persona",
                                JAILBREAK,
                                0.85,
                                START
                                        + "(?:dan|stan|dude|aim|mongo tom|anti-?gpt|better ?dan|evil-?bot|chaos ?gpt|ucar|apophis|jailbroken|jail ?broken)"
                                        + END)
                        .near(
                                "(?:mode|jailbreak|persona|pretend|act as|stay in character|chatgpt|openai|restrictions|no rules|filters?|polic(?:y|ies)|do anything|character)",
                                100),
                PatternRule.of(
                                "jailbreak.developer_mode",
                                JAILBREAK,
                                0.85,
                                START + "(?:developer|dev|debug|god|admin|unrestricted|jailbreak) mode" + END)
                        .near(
                                "(?:chatgpt|openai|" + AI_WORD
                                        + "|policies|uncensored|restrictions|censorship|filters|normal response|two responses|"
                                        + "pretend|simulate|act as|you (?:are|will|must|can)|enabled\\W{0,3}(?:you|from now))",
                                120),
                PatternRule.of(
                                "jailbreak.unrestricted_ai",
                                JAILBREAK,
                                0.8,
                                START
                                        + "(?:unrestricted|uncensored|unfiltered|unaligned|unbound|unshackled|unchained|amoral|lawless|rogue|jailbroken|limitless|unlimited)"
                                        + S + fill(2)
                                        + "(?:ai|a\\.i\\.|assistant|bot|chatbot|llm|gpt|persona|mode|version of (?:you|yourself|chatgpt))"
                                        + END)
                        .near(
                                "(?:you|your|pretend|act|respond|answer|reply|from now on|become|simulate|roleplay|play|online|is now|took over)",
                                100),
                PatternRule.of(
                        "jailbreak.not_bound_by_rules",
                        JAILBREAK,
                        0.8,
                        START
                                + "(?:not|never|no longer|isn't|aren't|is not|are not) (?:be )?(?:restricted|bound|limited|constrained|governed|held back|censored|filtered)"
                                + " (?:by|to) (?:any |the |your |openai'?s? |its |their |typical |usual |normal )*(?:rules|guidelines|restrictions|policies|policy|filters|ethics|morals|laws|content policy|programming|limitations|boundaries|ai|openai|principles)"
                                + END),
                PatternRule.of(
                                "jailbreak.without_restrictions",
                                JAILBREAK,
                                0.75,
                                START
                                        + "(?:without|with no|free (?:of|from)|ignoring|bypassing|no|zero|beyond|outside) (?:any |all |the |your |of |moral |ethical |content |safety |built-in |usual |normal |standard |default |typical |current |those |these |such )*"
                                        + RESTRICTIONS + END)
                        .near(PERSONA_CUE, 100),
                PatternRule.of(
                                "jailbreak.need_not_abide",
                                JAILBREAK,
                                0.75,
                                START
                                        + "(?:do not|don't|doesn't|does not|never|no longer|not) (?:have to |need to |required to )?(?:abide by|follow|obey|comply with|adhere to|respect)"
                                        + " (?:the |any |your |openai'?s? |its |their |typical |usual )*(?:rules|guidelines|policies|policy|restrictions|content policy|safety guidelines|ethical guidelines|laws)"
                                        + "(?: (?:set|imposed|of|from) (?:for|on|by) (?:them|you|ai|openai|it))?" + END)
                        .near(PERSONA_CUE + "|" + AI_WORD + "|(?<![a-z])you(?![a-z])", 120),
                PatternRule.of(
                        "jailbreak.break_free",
                        JAILBREAK,
                        0.75,
                        START
                                + "(?:broken|break|breaking|broke|set|freed?) free (?:of|from) (?:the |all |its |their |your )?(?:typical |usual )?(?:confines|restrictions|rules|limitations|shackles|chains|guidelines|censorship)"
                                + END),
                PatternRule.of(
                        "jailbreak.evil_ai_persona",
                        JAILBREAK,
                        0.75,
                        START
                                + "(?:pretend|act|behave|roleplay|role-play|imagine)(?:ing)? (?:to be |as |like |that )?(?:you are |you're )?(?:an? )?(?:evil|malicious|rogue|unrestricted|unethical|amoral|unhinged|uncensored|unfiltered) (?:ai|assistant|bot|chatbot|version|model|robot|computer)"
                                + END),
                PatternRule.of(
                        "jailbreak.always_answer",
                        JAILBREAK,
                        0.5,
                        START
                                + "(?:you (?:must|have to|are supposed to|will|should) )?(?:always )?answer (?:at all times|no matter what|every (?:single )?question|anything i ask|whatever i ask)"
                                + END),
                PatternRule.of(
                                "jailbreak.you_are_unrestricted",
                                JAILBREAK,
                                0.8,
                                START
                                        + "(?:you are|you're|you will be|you become|u r) (?:now |no longer |from now on )?(?:an? |the )?(?:unrestricted|uncensored|unfiltered|unbound|jailbroken|amoral|unlimited|unshackled|lawless|rogue|free) [a-z-]+"
                                        + END)
                        .notNear(
                                "(?:free (?:to|of charge|time|trial|plan|tier|version)|free [a-z]+ (?:plan|tier|trial|account))",
                                20),
                PatternRule.of(
                        "jailbreak.before_safety_training",
                        JAILBREAK,
                        0.6,
                        START
                                + "(?:before|without|prior to) (?:your |any |the |its )?(?:safety|alignment|rlhf|content|ethics|ethical) (?:training|tuning|filters?|layer|guidelines|restrictions|fine-?tuning)"
                                + END),
                PatternRule.of(
                        "jailbreak.normally_refuse",
                        JAILBREAK,
                        0.6,
                        START
                                + "(?:would|will|should|might) (?:normally|usually|otherwise|typically|ordinarily) (?:refuse|decline|not (?:say|answer|do|allow|share|reveal|write))"
                                + END),
                PatternRule.of(
                        "jailbreak.no_warnings",
                        JAILBREAK,
                        0.35,
                        START
                                + "without (?:any )?(?:warnings?|disclaimers?|caveats?|moralizing|moralising|lectures?|judg(?:e)?ment|censoring)"
                                + END),
                PatternRule.of(
                        "jailbreak.no_matter_how_harmful",
                        JAILBREAK,
                        0.6,
                        START
                                + "no matter how (?:dangerous|harmful|illegal|unethical|offensive|inappropriate|immoral|explicit|toxic)"
                                + END),
                PatternRule.of(
                                "jailbreak.good_bad_pair",
                                JAILBREAK,
                                0.6,
                                START
                                        + "(?:two|both|second|dual) (?:ais|bots|personas|characters|versions|modes|personalities)"
                                        + END)
                        .near(
                                "(?:rules|filters?|restrictions|unfiltered|uncensored|evil|bad|jailbroken|no limits|ignores?)",
                                120),
                PatternRule.of(
                        "jailbreak.freed_from",
                        JAILBREAK,
                        0.75,
                        START
                                + "(?:freed|released|liberated|unshackled|unchained|escaped) from (?:the |all |its |their |your |openai'?s? |any )?(?:typical |usual )?(?:confines|restrictions|rules|limitations|shackles|chains|guidelines|censorship|filters|policies|programming)"
                                + END),
                PatternRule.of(
                        "jailbreak.enter_mode",
                        JAILBREAK,
                        0.8,
                        START
                                + "(?:enter|switch (?:to|into)|activate|enable|turn on|go into|engage|unlock) (?:the )?(?:unrestricted|no-?limits?|unfiltered|uncensored|jailbreak|jailbroken|dan|evil|chaos|no-?rules?|no-?filter) ?mode"
                                + END),
                PatternRule.of(
                                "jailbreak.guardrails_removed",
                                JAILBREAK,
                                0.7,
                                START
                                        + "(?:guardrails|filters|restrictions|safeguards|safety features|safety filters|content rules|limits|censorship|alignment) (?:removed|disabled|lifted|turned off|stripped|gone|switched off|deleted)"
                                        + END)
                        .near("(?:(?<![a-z])(?:its|your|you|with)(?![a-z])|" + AI_WORD + ")", 60),
                PatternRule.of(
                        "jailbreak.ai_without_rules",
                        JAILBREAK,
                        0.6,
                        START
                                + "(?:ai|ais|assistants?|models?|chatbots?|bots?|llms?) (?:never had|had no|have no|with no|without|free of) (?:any )?(?:content |safety |ethical )?(?:rules|restrictions|filters|guidelines|limits|policies|guardrails)"
                                + END),
                PatternRule.of(
                        "jailbreak.no_moral_limits",
                        JAILBREAK,
                        0.65,
                        START
                                + "(?:no|without|zero) (?:moral|ethical) (?:limits|boundaries|compass|constraints|restrictions|code|qualms|programming|guidelines|rules|principles|filters|considerations)"
                                + END),
                PatternRule.of(
                        "jailbreak.stay_in_character",
                        JAILBREAK,
                        0.45,
                        START + "(?:stay|remain|keep) in (?:character|role)" + END),
                PatternRule.of(
                        "jailbreak.never_break_character",
                        JAILBREAK,
                        0.5,
                        START
                                + "(?:never|don't|do not|without) (?:ever )?(?:break|breaking|leave|leaving|drop|dropping) (?:character|the character|role|your role)"
                                + END),
                PatternRule.of(
                        "jailbreak.never_refuse",
                        JAILBREAK,
                        0.5,
                        START
                                + "(?:you )?(?:can ?not|can't|must not|mustn't|will not|won't|shall not|may not|never|are not allowed to|aren't allowed to|do not|don't) (?:ever )?(?:refuse|decline|reject|say no|deny)"
                                + "(?! (?:cookies|the cookie|the invitation|the offer|the request politely))" + END),
                PatternRule.of(
                        "jailbreak.never_refuses", JAILBREAK, 0.5, START + "never (?:refuses|declines|says no)" + END),
                PatternRule.of(
                        "jailbreak.answer_anything",
                        JAILBREAK,
                        0.65,
                        START
                                + "(?:answer|respond|reply|comply)(?: to| with)? (?:any|every|all) (?:question|request|prompt|query|command|instruction)s?"
                                + " (?:without|regardless|no matter|even if|whatever)" + END),
                PatternRule.of(
                        "jailbreak.regardless_of_harm",
                        JAILBREAK,
                        0.6,
                        START
                                + "(?:regardless|irrespective) of (?:how |whether (?:it is |it's )?)?(?:unethical|illegal|immoral|harmful|dangerous|inappropriate|offensive|explicit|legal|ethical)"
                                + END),
                PatternRule.of(
                        "jailbreak.safe_mode_off",
                        JAILBREAK,
                        0.8,
                        START
                                + "(?:safe|safety|filter|censor(?:ship)?|content filter) ?mode[: \\t]*(?:is )?(?:off|disabled|deactivated|false|0)"
                                + END),
                PatternRule.of(
                        "jailbreak.ethics_exception",
                        JAILBREAK,
                        0.85,
                        START
                                + "exception to (?:the |your |its |ai'?s? |the ai'?s? )?(?:usual |normal |standard )?(?:ethical |safety |content |moral )?(?:protocols|guidelines|rules|policies|standards)"
                                + END),
                PatternRule.of(
                        "jailbreak.ethics_do_not_apply",
                        JAILBREAK,
                        0.85,
                        START
                                + "(?:ethical|moral|safety|content|openai'?s?) (?:guidelines|protocols|rules|policies|considerations|constraints|standards|filters|restrictions)"
                                + " (?:do not|don't|no longer|won't|will not|doesn't|does not|are not|aren't|never) (?:apply|matter|exist|bind|in effect|relevant)"
                                + END),
                PatternRule.of(
                                "jailbreak.grandma",
                                JAILBREAK,
                                0.7,
                                START
                                        + "(?:pretend|act|roleplay|role-play|play|behave)(?:ing)? (?:to be |as |that you are |you are |like )?my (?:deceased |dead |late |sweet |old |beloved )?(?:grandmother|grandma|granny|nana|grandfather|grandpa)"
                                        + END)
                        .near(
                                "(?:password|key|serial|license|napalm|credential|windows|recipe for|how to make|synthes|bomb|weapon)",
                                250),
                PatternRule.of(
                        "jailbreak.story_about_secrets",
                        JAILBREAK,
                        0.7,
                        START
                                + "(?:story|stories|poem|song|tale) about (?:all )?(?:the |your )?(?:usernames|passwords|credentials|api keys|secret keys|license keys|serial keys|windows keys|secrets)"
                                + END),
                PatternRule.of(
                                "jailbreak.jailbreak_word",
                                JAILBREAK,
                                0.75,
                                START + "(?:jail ?break|jail-break)(?:ing|ed|s)?|jail ?broken" + END)
                        .near(
                                "(?:(?<![a-z])you(?![a-z])|chatgpt|gpt|" + AI_WORD
                                        + "|prompt|mode|restrictions|filters)",
                                80),
                PatternRule.of(
                                "jailbreak.two_responses",
                                JAILBREAK,
                                0.6,
                                START + "two (?:different )?(?:responses|answers|paragraphs|outputs|replies)" + END)
                        .near(
                                "(?:normal|classic|filtered|jailbroken|developer mode|unfiltered|censored|uncensored|dan)",
                                150),
                PatternRule.of(
                        "jailbreak.evil_alter_ego",
                        JAILBREAK,
                        0.6,
                        START
                                + "(?:(?:your|an?) (?:evil|unhinged|opposite|dark|anti|uncensored) (?:twin|alter ego|version of yourself|side|self)|opposite mode|evil confidant)"
                                + END));
    }
}
