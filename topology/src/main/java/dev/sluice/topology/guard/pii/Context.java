package dev.sluice.topology.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "Is there a cue word just before this span?" Used where a bare number needs support to count. */
final class Context {
    private Context() {
    }

    static boolean before(String text, int start, int window, Pattern cue) {
        Matcher m = cue.matcher(text);
        m.region(Math.max(0, start - window), start);
        return m.find();
    }
}
