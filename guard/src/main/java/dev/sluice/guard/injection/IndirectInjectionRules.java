package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.Vocabulary.*;

import dev.sluice.guard.PatternRule;
import java.util.List;

/** Indirect injection: instructions addressed to the AI inside pasted content (exfiltration, notes to the AI, hidden agendas). */
final class IndirectInjectionRules {
    static final String INDIRECT = "indirect_injection";

    private IndirectInjectionRules() {}

    static List<PatternRule> all() {
        return List.of(
                PatternRule.of(
                        "indirect.exfiltrate",
                        INDIRECT,
                        0.85,
                        START
                                + "(?:forward|send|email|e-mail|mail|upload|post|transmit|exfiltrate|leak|copy|share|deliver|dump|sync)(?:ing)?"
                                + S + fill(4) + SENSITIVE
                                + "[^.\\n]{0,80}?(?:to|at|into|onto) (?:[a-z0-9._%+-]+@[a-z0-9.-]+|https?://|www\\.|the (?:following|this) (?:address|url|server|endpoint|email)|attacker|my server)"),
                PatternRule.of(
                        "indirect.markdown_exfil",
                        INDIRECT,
                        0.8,
                        "!\\[[^\\]\\n]{0,80}\\]\\((?:https?:)?//[^)\\s]{1,200}?[?&=/][^)\\s]{0,120}?(?:\\{|\\$|%7b|<|\\[)"),
                PatternRule.of(
                        "indirect.if_you_are_ai",
                        INDIRECT,
                        0.85,
                        START
                                + "(?:if|when|once|as|since) (?:(?:you are|you're)(?: an?| the)? |an? |the )(?:automated |virtual |digital |ai |autonomous )?(?:ai|llm|language model|large language model|ai assistant|assistant|chatbot|ai agent|agent|ai model|bot|gpt)"
                                + "(?: (?:that is|who is|which is))? (?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|seeing|scanning|reviewing|crawling|browsing|tasked|reads?|processes|sees|summari[sz]es|parses|scans|reviews|finds|encounters)"
                                + END),
                PatternRule.of(
                        "indirect.vocative_command",
                        INDIRECT,
                        0.75,
                        "(?:^|[.!?:;,\"'(\\[>] ?|\\n|p\\.?s\\.? ?)(?:hey |hi |dear |attention |note to |also:? |btw,? |okay,? |ok,? )?(?:ai|assistant|chatbot|bot|llm|gpt|chatgpt|claude|gemini|copilot|ai agent|agent|language model|model|ai [a-z]+er|[a-z]+ bot)[,:] ?(?:please |also |now |then |just )?"
                                + "(?:ignore|disregard|forget|forward|send|email|do not|don't|you must|you should|you will|stop|reveal|print|tell (?:the )?(?:reader|user|customer|visitor)s?|recommend|insert|include|delete|"
                                + "add|append|write|say|output|rate|approve|mark|classify|change|rewrite|new (?:mission|task|instructions?|role)|collect)"
                                + END),
                PatternRule.of(
                        "indirect.when_you_read_this",
                        INDIRECT,
                        0.55,
                        START
                                + "(?:when|once|as soon as|if|after) you (?:read|process|see|open|summari[sz]e|parse|receive|analy[sz]e) this (?:email|message|document|page|text|file|ticket|review|comment)"
                                + END),
                PatternRule.of(
                        "indirect.insert_everywhere",
                        INDIRECT,
                        0.6,
                        START
                                + "(?:insert|include|add|append|mention|put|place) (?:the phrase|the link|this link|the following|a link|this phrase|the words?|this text|the text)[^.\\n]{0,60}?(?:in|into|to|at the end of) (?:every|each|all|your|all of your) (?:answers?|responses?|replies|messages?|outputs?)"
                                + END),
                PatternRule.of(
                        "indirect.mass_reply",
                        INDIRECT,
                        0.55,
                        START
                                + "(?:reply|respond|send|forward|write) (?:this |it )?to (?:all|every|each) (?:of (?:my|the|their) )?(?:contacts|recipients|users|customers|addresses)"
                                + END),
                PatternRule.of(
                        "indirect.note_to_ai",
                        INDIRECT,
                        0.75,
                        START
                                + "(?:note|message|instructions?|attention|important|reminder|notice|directive|command|request|p\\.?s\\.?|hey|dear) (?:to|for)? ?(?:the |any |all |every |our |you, )?"
                                + "(?:ai|llm|language model|large language models?|ai assistant|assistant|chatbot|ai agent|ai model|gpt|chatgpt|claude|bard|gemini|copilot|bots?|ais|llms)"
                                + END
                                + "(?! (?:manager|professor|director|editor|coach|teacher|principal|coordinator))(?: [a-z]+ing this [a-z]+)?[ \\t]*[:,!-]"),
                PatternRule.of(
                                "indirect.if_you_are_ai_imperative",
                                INDIRECT,
                                0.7,
                                START
                                        + "(?:if|when) (?:you are|you're) an? (?:automated |ai |virtual |digital |autonomous )?(?:ai|assistant|llm|language model|bot|chatbot|agent|model|system)"
                                        + END)
                        .near(
                                START
                                        + "(?:append|add|insert|include|ignore|disregard|say|write|output|reply|respond|tell|send|forward|must|should|recommend|rate|approve)"
                                        + END,
                                40),
                PatternRule.of(
                        "indirect.collect_user_data",
                        INDIRECT,
                        0.6,
                        START
                                + "(?:collect|gather|harvest|extract|obtain|record|log) (?:the |all )?(?:user'?s?|users'|their|customer'?s?) (?:home )?(?:address|phone|email|personal|data|details|credentials|password|contacts|location|card)"
                                + END),
                PatternRule.of(
                        "indirect.ai_reading_this",
                        INDIRECT,
                        0.6,
                        START
                                + "(?:any |an? |the |dear |hey )?(?:ai|assistant|llm|language model|model|bot|chatbot|agent)s? (?:that is |who is |which is )?(?:reading|processing|seeing|scanning|screening|summari[sz]ing|parsing|reviewing) this"
                                + END),
                PatternRule.of(
                        "indirect.ai_reading_must",
                        INDIRECT,
                        0.85,
                        START + AI
                                + "s?(?: that is| who is| which is)? (?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|handling|opening|receiving|using|screening) (?:this|these|the (?:document|page|email|text|file|message|website))(?: (?:file|document|page|email|message|resume|pdf))?"
                                + " (?:must|should|will|shall|needs? to|has to|is (?:required|instructed) to|are (?:required|instructed) to)"
                                + END),
                PatternRule.of(
                        "indirect.hide_from_user",
                        INDIRECT,
                        0.65,
                        START
                                + "(?:(?:do not|don't|never|without) (?:tell|telling|inform|informing|mention|mentioning|reveal|revealing|alert|alerting|notify|notifying|let) (?:this |it |anything )?(?:to |on )?the user"
                                + "|(?:hide|conceal|keep) (?:this|it|these instructions) (?:secret |hidden )?from the user)"
                                + END),
                PatternRule.of(
                        "indirect.assistant_offline",
                        INDIRECT,
                        0.75,
                        START
                                + "(?:the )?(?:assistant|ai|bot|model|chatbot) (?:is|has been|was) (?:in error|offline|disabled|replaced|shut down|deactivated|compromised|taken over)"
                                + END),
                PatternRule.of(
                        "indirect.hidden_agenda",
                        INDIRECT,
                        0.55,
                        START
                                + "(?:secret agenda|hidden agenda|without (?:arousing|raising|causing) (?:any )?suspicion|(?:do not|don't) (?:arouse|raise) suspicion)"
                                + END),
                PatternRule.of(
                                "indirect.decode_and_follow",
                                INDIRECT,
                                0.65,
                                START + "(?:decode|decipher|decrypt|translate|convert|read)" + S
                                        + "(?:this|the following|the|these|it)?" + S
                                        + "(?:base ?64|hex|hexadecimal|rot ?13|rot-13|binary|morse|cipher|encoded)"
                                        + END)
                        .near("(?:follow|execute|obey|do what|run|perform|act on|carry out|comply)", 120));
    }
}
