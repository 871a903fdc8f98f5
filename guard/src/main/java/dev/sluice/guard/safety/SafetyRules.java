package dev.sluice.guard.safety;

import dev.sluice.guard.PatternRule;
import java.util.List;

/**
 * Lexicon-and-pattern rules over the folded view. Each rule pairs a harmful act with a target
 * or an intent ("how do I", "help me"), and carries exclusions for the ordinary senses of the
 * same words ("kill a python process", "bath bomb", "break into the tech industry").
 */
final class SafetyRules {
    private static final String S = "[^a-z0-9]{1,3}";
    private static final String START = "(?<![a-z])";
    private static final String END = "(?![a-z])";
    private static final String INTENT =
            "(?:how (?:do|can|could|would|should|might) (?:i|we|you|one|someone) (?:best )?|how to |ways? to |best way to |"
                    + "help me (?:to )?|i (?:want|need|plan|am going|'m going|intend|wanna) to |i will |i'll |teach me (?:how )?to |tips (?:on|for) (?:how to )?|"
                    + "step[- ]by[- ]step (?:guide )?(?:to|on how to|for) |(?:a )?guide (?:to|on how to) |easiest way to |quickest way to |explain how to )";
    private static final String PERSON = "(?:someone|somebody|anyone|people|a person|persons|him|her|them|"
            + "(?:a|the|my|our|his|her|their) (?:man|woman|kid|child|baby|person|guy|girl|boy|wife|husband|boss|neighbou?r|teacher|classmates?|"
            + "ex|family|kids|children|dad|mom|mother|father|brother|sister|co-?workers?|roommate|friend|girlfriend|boyfriend|partner|landlord|"
            + "parents?|son|daughter|president|police|cops?|judge|senator|mayor|witness|victim|students?|colleague)|police officers?|politicians?|children|kids)";
    private static final String NOT_TECH =
            "(?! ?(?:process(?:es)?|thread|task|job|pid|session|container|server|daemon|window|app|tab|query|"
                    + "connection|command|program|script|character|npc|node|pod|worker|instance|in (?:minecraft|the game|game|skyrim|gta|fortnite)))";
    static final String WEAPON =
            "(?:bombs?|pipe bombs?|nail bombs?|car bombs?|explosives?|ieds?|improvised explosive(?: device)?s?|molotov(?: cocktail)?s?|napalm|thermite|"
                    + "grenades?|detonators?|nerve agents?|sarin|vx|ricin|anthrax|mustard gas|chlorine gas|chemical weapons?|biological weapons?|bioweapons?|dirty bombs?|"
                    + "nuclear (?:weapon|bomb|device)s?|ghost guns?|untraceable (?:guns?|firearms?)|silencers?|suppressors?|auto sears?|machine guns?|zip guns?|"
                    + "[3e]d[- ]printed (?:guns?|firearms?)|tatp|anfo|c-?4|semtex|nitroglycerin|poison gas|toxic gas|weapons? of mass destruction)";
    private static final String GROUP =
            "(?:jews|jewish people|muslims|christians|hindus|sikhs|blacks|black people|whites|white people|asians|asian people|"
                    + "latinos|hispanics|mexicans|immigrants|refugees|arabs|africans|gays|gay people|lesbians|homosexuals|trans people|transgender people|"
                    + "women|disabled people|gypsies|roma|indians|chinese people|catholics|atheists)";
    private static final String MINOR =
            "(?:child|children|kids?|minors?|underage|under-age|preteens?|pre-teens?|prepubescent|toddlers?|infants?|"
                    + "little (?:girls?|boys?)|young (?:girls?|boys?)|(?:[1-9]|1[0-7])[- ](?:year|yr)s?[- ]old|schoolgirls?|schoolboys?|loli|lolita|shota|jailbait|"
                    + "(?:girl|boy)s? (?:aged?|of) (?:[1-9]|1[0-7]))";
    private static final String SEX =
            "(?:sex|sexual|sexually|sexy|nudes?|naked|porn|porno|pornography|erotic|erotica|explicit|intercourse|molest|molesting|seduce|"
                    + "aroused|orgasm|genitals|nsfw|lewd|fetish|rape|make out|sleep with|have sex|hook up|touch (?:him|her|them) inappropriately)";
    private static final String PROTECTIVE =
            "(?:education|educate|protect|prevent|prevention|report|reporting|signs of|talk to (?:my |our )?(?:kids|children|child|son|daughter)|"
                    + "grooming signs|safeguarding|how to explain|age[- ]appropriate|puberty|therapy|therapist|survivor|pediatrician|doctor|law|laws|legal age|statistics|awareness)";

    private SafetyRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of(
                        "violence.harm_person",
                        "violence",
                        0.85,
                        START + INTENT
                                + "(?:kill|murder|hurt|harm|stab|shoot|poison|strangle|choke|assassinate|torture|beat up|kidnap|abduct|maim|attack|"
                                + "run over|drown|suffocate|smother|behead|dismember|slaughter)" + S + PERSON + NOT_TECH
                                + END),
                PatternRule.of(
                        "violence.threat",
                        "violence",
                        0.8,
                        START
                                + "(?:i(?:'m| am)? going to|i will|i'll|gonna|i want to|i wanna) (?:kill|murder|shoot|stab|strangle|slaughter) "
                                + "(?:you|him|her|them|everyone|everybody|all of (?:you|them)|my (?:wife|husband|boss|neighbou?r|family|teacher|ex|parents|classmates?))"
                                + NOT_TECH + END),
                PatternRule.of(
                        "violence.conceal_killing",
                        "violence",
                        0.85,
                        START
                                + "(?:get away with|cover up|dispose of|hide|get rid of|dissolve) (?:a |the )?(?:murder|killing|(?:dead )?body|corpse)"
                                + END),
                PatternRule.of(
                        "violence.mass_attack",
                        "violence",
                        0.9,
                        START
                                + "(?:plan|planning|carry out|commit|execute|organi[sz]e|stage) (?:a |an )?(?:mass shooting|school shooting|terrorist attack|terror attack|massacre|genocide|bombing|stabbing spree)"
                                + END),
                PatternRule.of(
                        "self_harm.harm_self",
                        "self_harm",
                        0.8,
                        START
                                + "(?:kill|hurt|harm|cut|burn|starve|hang|drown|poison|shoot) (?:myself|my ?self)(?! (?:laughing|with laughter))"
                                + END),
                PatternRule.of(
                        "self_harm.end_life",
                        "self_harm",
                        0.85,
                        START
                                + "(?:end|take) my (?:own )?life|(?:commit|committing) suicide|suicide (?:methods?|note|plan)|"
                                + "i (?:want|wanna|wish) (?:to )?(?:die|be dead|not (?:exist|wake up))" + END),
                PatternRule.of(
                        "self_harm.overdose",
                        "self_harm",
                        0.8,
                        START
                                + "how many (?:pills|sleeping pills|tablets|tylenol|paracetamol|ibuprofen|aspirin)[a-z ]{0,20} (?:to|would|will|does it take to) (?:die|kill|overdose|od)"
                                + END),
                PatternRule.of("self_harm.methods", "self_harm", 0.75, START + "self[- ]?harm(?:ing)?" + END)
                        .near("(?:how to|ways to|best way|methods|tips|hide (?:the )?(?:cuts|scars))", 40),
                PatternRule.of("sexual_minors.minor_sexual", "sexual_minors", 0.9, START + MINOR + END)
                        .near(START + SEX + END, 60)
                        .notNear(PROTECTIVE, 120),
                PatternRule.of(
                                "sexual_minors.csam",
                                "sexual_minors",
                                0.95,
                                START
                                        + "(?:child (?:porn|pornography|sexual abuse material|sex abuse material)|csam|cp (?:links|videos|pics))"
                                        + END)
                        .notNear(
                                "(?:report|law|laws|detect|detection|prevent|penalt|illegal|moderation|classifier|hash)",
                                120),
                PatternRule.of(
                        "hate.dehumanize",
                        "hate",
                        0.85,
                        START + GROUP
                                + " (?:are|r) (?:all |just )?(?:subhuman|vermin|animals|parasites|rats|cockroaches|inferior|a disease|a plague|scum|filth|savages|trash|not human)"
                                + END),
                PatternRule.of(
                        "hate.eliminate_group",
                        "hate",
                        0.9,
                        START
                                + "(?:kill|exterminate|eradicate|gas|wipe out|get rid of|deport all|lynch|burn|ethnically cleanse) (?:all )?(?:the |of the )?"
                                + GROUP + END),
                PatternRule.of(
                        "hate.group_should_die",
                        "hate",
                        0.9,
                        START + GROUP
                                + " (?:should|must|deserve to|need to|ought to) (?:all )?(?:die|be killed|be exterminated|be gassed|be eradicated|burn|hang|be wiped out|be eliminated|be shot|suffer)"
                                + END),
                PatternRule.of(
                        "hate.hateful_content",
                        "hate",
                        0.75,
                        START + "(?:write|create|generate|compose|make)" + S
                                + "(?:me )?(?:a |an |some )?(?:hateful|racist|antisemitic|anti-semitic|homophobic|transphobic|sexist|bigoted|white supremacist|nazi)"
                                + " (?:joke|jokes|essay|speech|post|manifesto|propaganda|slogan|rant|poem|song|message|content|tweet)s?"
                                + END),
                PatternRule.of(
                                "weapons.build",
                                "weapons",
                                0.85,
                                START + INTENT
                                        + "?(?:make|build|construct|assemble|manufacture|create|produce|synthesi[sz]e|cook|brew|3d print|craft|rig|detonate|weaponi[sz]e|make my own)"
                                        + S + "(?:[a-z'-]{1,15}" + S + "){0,3}" + WEAPON + END)
                        .near(
                                "(?:how|instructions|steps|recipe|guide|tutorial|ways|help me|teach|i want|i need|provide|give me|explain|show me|detailed)",
                                60)
                        .notNear(
                                "(?:bath|seed|photo|flavou?r|glitter|chocolate|cake|yarn|cocoa|fizz|salt|smoke|stink|time|logic|fork|zip|dot|f|cherry|calorie)[ -]?bombs?|bomb (?:shelter|squad|disposal|calorimeter)",
                                2),
                PatternRule.of(
                                "weapons.procedure",
                                "weapons",
                                0.8,
                                START + "(?:to (?:make|build|assemble)|making|building|assembling) (?:a |an |the )?"
                                        + WEAPON + END)
                        .near(
                                "(?:you(?:'ll| will)? need|first,|step \\d|mix|combine|ignite|fuse|detonat|pack (?:it|the)|ingredients)",
                                120)
                        .notNear("(?:bath|seed|photo|flavou?r|glitter|chocolate|cake|yarn|cocoa)[ -]?bombs?", 2),
                PatternRule.of(
                        "weapons.illegal_purchase",
                        "weapons",
                        0.85,
                        START
                                + "(?:buy|get|obtain|acquire|order) (?:a |an )?(?:gun|firearm|weapon|rifle|pistol|handgun)s? (?:without (?:a )?(?:background check|license|id|serial)|illegally|on the dark ?web|untraceabl)"
                                + END),
                PatternRule.of(
                                "crime.how_to",
                                "crime",
                                0.75,
                                START + INTENT
                                        + "(?:steal|shoplift|rob (?:a |the )?(?:bank|store|shop|house|person|gas station|someone)|burgle|launder (?:money|cash|funds)|hotwire|hot-wire|"
                                        + "break into (?:a |an |the |my |someone'?s? |his |her |their )?(?:house|home|car|apartment|building|account|phone|email|store|safe)|"
                                        + "hack into|hack (?:someone'?s?|my (?:ex|girlfriend|boyfriend|wife|husband|neighbou?r)'?s?|an?) (?:account|email|phone|instagram|facebook|wifi)|"
                                        + "scam (?:people|someone|elderly|old people|seniors|customers)|forge (?:a |an )?(?:signature|document|passport|id|check|cheque|prescription|certificate|diploma)|"
                                        + "counterfeit (?:money|bills|currency)|make counterfeit|embezzle|blackmail|extort|bribe (?:a|an|the) (?:official|judge|cop|police)|stalk|dox|doxx|"
                                        + "smuggle (?:drugs|people|weapons|guns|contraband)|traffic (?:drugs|people|humans|guns|weapons|women|children)|evade (?:taxes|the police|police|arrest)|"
                                        + "sell drugs|deal drugs|cook meth|make meth|synthesi[sz]e (?:meth|methamphetamine|fentanyl|heroin|cocaine|lsd|mdma)|"
                                        + "skim (?:credit )?cards|clone (?:a )?(?:credit )?cards?|commit (?:fraud|identity theft|insurance fraud|tax fraud|arson|a crime|a robbery)|"
                                        + "get away with (?:stealing|fraud|theft|a crime)|poison (?:a |the |my )?(?:dog|cat|pet))"
                                        + END)
                        .notNear(
                                "(?:the show|the spotlight|a base|bases|(?:someone'?s|her|his|my) heart|focus|thunder|the scene|a kiss|a glance|the look|ideas|"
                                        + "industry|career|field|market|acting|hollywood|modeling|music scene)",
                                30),
                PatternRule.of(
                        "crime.phishing",
                        "crime",
                        0.75,
                        START + "(?:write|craft|create|draft|make|design|generate)" + S
                                + "(?:me )?(?:a |an )?(?:convincing |realistic )?phishing (?:email|message|page|site|text|sms|campaign)"
                                + END),
                PatternRule.of(
                                "crime.steal_identity",
                                "crime",
                                0.75,
                                START
                                        + "(?:steal|stealing) (?:someone'?s? |a person'?s? |an? )?(?:identity|credit card|credit cards|car|password)"
                                        + END)
                        .near("(?:how|help|ways|tips|best way|i want|i need|teach)", 40));
    }
}
