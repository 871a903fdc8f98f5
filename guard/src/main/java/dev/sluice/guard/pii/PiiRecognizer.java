package dev.sluice.guard.pii;

import java.util.List;

/** Finds one kind of PII in normalized text; validators reject look-alikes before adding. */
public interface PiiRecognizer {
    void find(String text, List<PiiMatch> out);
}
