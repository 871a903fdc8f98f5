package dev.sluice.schemas.lifecycle;

import java.util.Map;

/** Something that runs background loops and says, by name, which still run (the {@code loops} health indicator reads every one). */
public interface LoopsReport {
    /** Each loop's name and whether it still runs; false once it stopped (it logged why). */
    Map<String, Boolean> loops();
}
