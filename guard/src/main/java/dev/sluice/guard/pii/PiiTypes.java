package dev.sluice.guard.pii;

import java.util.List;

/** Entity type names used in placeholders and CLI output. */
public final class PiiTypes {
    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String CREDIT_CARD = "CREDIT_CARD";
    public static final String IBAN = "IBAN";
    public static final String US_SSN = "US_SSN";
    public static final String IP_ADDRESS = "IP_ADDRESS";
    public static final String MAC_ADDRESS = "MAC_ADDRESS";
    public static final String URL_CREDENTIALS = "URL_CREDENTIALS";
    public static final String SECRET = "SECRET";
    public static final String DENIED = "DENIED";

    public static final List<String> ALL =
            List.of(EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, MAC_ADDRESS, URL_CREDENTIALS, SECRET);

    private PiiTypes() {}
}
