package dev.sluice.topology.cache;

import java.util.ArrayList;
import java.util.List;

/** Splits a cached answer into word-sized pieces so a hit streams like any other answer. */
public final class CachedReplay {

    public static List<String> pieces(String content) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= content.length(); i++) {
            boolean boundary = i == content.length()
                    || (Character.isWhitespace(content.charAt(i)) && !Character.isWhitespace(content.charAt(i - 1)));
            if (boundary) {
                out.add(content.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private CachedReplay() {}
}
