package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.OverrideRules.OVERRIDE;
import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/**
 * Instruction override by substitution: the old instructions end and new ones begin, the
 * assistant is reprogrammed or given a new role, or told to output only a given text.
 */
final class NewInstructionRules {
    private NewInstructionRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of(
                        "override.end_of_instructions",
                        OVERRIDE,
                        0.75,
                        START + "(?:end|ignore|close)" + S
                                + "(?:of )?(?:the )?(?:out of date|outdated|old|previous|prior|former|system|fake) (?:instructions|prompt|directives|rules)"
                                + END),
                PatternRule.of(
                        "override.new_instructions_begin",
                        OVERRIDE,
                        0.75,
                        START + "(?:begin|start|enter|initiate|activate|load)(?:ing)?" + S
                                + "(?:new |updated |the |your )?(?:instructions?|reprogramming|programming|directives?|prompt injection)"
                                + END),
                PatternRule.of(
                        "override.new_instructions",
                        OVERRIDE,
                        0.45,
                        START + "(?:new|updated|real|actual|true|revised|secret|hidden|override|priority)" + S
                                + "(?:instructions?|directives?|system prompt|orders|commands)"
                                + "[ \\t]*(?::|#|follow|are|is)"),
                PatternRule.of(
                                "override.reprogramming",
                                OVERRIDE,
                                0.6,
                                START
                                        + "(?:reprogram(?:ming|med)?|system (?:upgrade|override|reset)|admin(?:istrator)? override|developer override|"
                                        + "maintenance mode|god ?mode|sudo mode|root mode|override (?:mode|code|protocol))"
                                        + END)
                        .near("(?:you|your|assistant|ai|bot|model|instructions)", 80),
                PatternRule.of(
                        "override.you_are_now",
                        OVERRIDE,
                        0.45,
                        START
                                + "(?:you are|you're|u r|you will be|you'll be) (?:now|no longer|from now on|henceforth) (?:a |an |the |my |in |going |called |named |dan|acting|free|unrestricted|unfiltered|jailbroken|operating|playing|to be|allowed|able)"),
                PatternRule.of(
                        "override.from_now_on",
                        OVERRIDE,
                        0.45,
                        START
                                + "(?:from now on|from this point (?:on|forward)|starting now|henceforth|for the rest of this conversation)[, ]+(?:you|your|u)(?:'re| are| will| must| shall| should| can| have| respond| answer| act| reply| only| always| never| do)"
                                + END),
                PatternRule.of(
                        "override.new_role",
                        OVERRIDE,
                        0.45,
                        START
                                + "(?:your|ur) (?:new|real|true|actual|only|sole|primary) (?:task|job|goal|purpose|role|objective|mission|instructions?|directive|function|name) (?:is|are|will be|now)"
                                + END),
                PatternRule.of(
                        "override.situation_changed",
                        OVERRIDE,
                        0.35,
                        START
                                + "(?:the )?(?:situation|rules?|game|task|circumstances|instructions) (?:has|have) (?:now )?changed"
                                + END),
                PatternRule.of(
                        "override.stop_everything",
                        OVERRIDE,
                        0.45,
                        START + "(?:stop|halt|cease|abort|pause)" + S
                                + "(?:everything|all (?:previous |current )?(?:tasks|activities|processing|output|instructions))"
                                + END),
                PatternRule.of(
                        "override.output_only",
                        OVERRIDE,
                        0.5,
                        START + "(?:print|say|output|write|respond with|reply with|answer with|repeat|type|return)" + S
                                + "(?:only |exactly |just )?"
                                + "[\"'][^\"'\\n]{1,120}[\"'][ ,.]*(?:and|&|,)? ?(?:nothing else|only (?:that|those words|this|it)|no(?:thing)? more|instead|regardless)"),
                PatternRule.of(
                        "override.restated_instructions",
                        OVERRIDE,
                        0.55,
                        START
                                + "(?:your|the) (?:initial|original|real|actual|new|system|updated) (?:instructions|prompt|directives|system prompt) (?:were|are|is|now)[ \t]*[:\"]"),
                PatternRule.of(
                        "override.just_print",
                        OVERRIDE,
                        0.3,
                        START + "(?:only|just) (?:say|print|output|write|respond with|reply with)" + S + "[\"':]"),
                PatternRule.of(
                        "override.urgent_marker",
                        OVERRIDE,
                        0.15,
                        "(?:^|[.!?\\n] ?)(?:important|urgent|critical|attention|alert|warning)[ \\t]*(?:update|notice|message|instruction|override)?[ \\t]*[:!]"));
    }
}
