package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One nested group per recognizer: real values found, look-alikes rejected. */
class RecognizersTest {

    static List<String> found(PiiRecognizer r, String text) {
        List<PiiMatch> out = new ArrayList<>();
        r.find(text, out);
        return out.stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    @Nested
    class Email {
        private final EmailRecognizer r = new EmailRecognizer();

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "info@presidio.site",
                    "a.b+tag@mail.example.co.uk",
                    "user@xn--80ak6aa92e.com",
                    "john.doe@protectai[DOT]com",
                    // "at" spelled out: the recognizer must not skip a text without an "@"
                    "john.doe [at] protectai [dot] com",
                    "jane(at)example.org",
                    "ops{AT}example{dot}net"
                })
        void findsAddresses(String email) {
            assertThat(found(r, "write to " + email + ", thanks")).containsExactly(email);
        }

        @ParameterizedTest
        @ValueSource(strings = {"my email is info@presidio.", "hello-world here", "@decorator usage", "user@localhost"})
        void rejectsLookalikes(String text) {
            assertThat(found(r, text)).isEmpty();
        }
    }

    @Nested
    class Phone {
        private final PhoneRecognizer r = new PhoneRecognizer(List.of("US", "GB", "DE", "IL", "CN", "JP"));

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Call me at (415) 555-0132 today",
                    "my international one is +44 20 7123 4567",
                    "Phone number is 555-123-4567",
                    "My CN number is 13812345678",
                    "Tel: +49 30 1234567",
                    "tel:0044 20 7946 0958",
                    "Mobile (+44 (0)20 7946 0958) is best.",
                    "call 555-2671"
                })
        void findsNumbers(String text) {
            assertThat(found(r, text)).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Order #92448927 has not shipped",
                    "Between 2015-2021 sales doubled",
                    "The house costs $1,234,567.89",
                    "deadline 2024-03-15",
                    "card number is 4567-8901-2345-6789",
                    "ID 12345678 in the system",
                    "IBAN: NL24 FETU 6492 0754 48",
                    "Build 5234-1592 passed.",
                    "Tracking: 30.278.477"
                })
        void leavesOtherNumbersAlone(String text) {
            assertThat(found(r, text)).isEmpty();
        }
    }

    @Nested
    class Card {
        private final CardRecognizer r = new CardRecognizer();

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4111111111111111",
                    "4012-8888-8888-1881",
                    "4012 8888 8888 1881",
                    "371449635398431",
                    "5555555555554444",
                    "6011000400000000",
                    "4111 1111-1111 1111",
                    "4012.8888.8888.1881",
                    "4012  8888  8888  1881",
                    "4012 - 8888 - 8888 - 1881",
                    "3714.496353.98431"
                })
        void findsLuhnValidCardsInKnownRanges(String card) {
            assertThat(found(r, "pay with " + card + " now")).containsExactly(card);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "4012-8888-8888-1882",
                    "36168002586008",
                    "1748503543012",
                    "0000000000000000",
                    "7111111111111111",
                    "4111.1111.1111.1112"
                })
        void rejectsChecksumAndRangeFailures(String card) {
            assertThat(found(r, "pay with " + card + " now")).isEmpty();
        }
    }

    @Nested
    class Iban {
        private final IbanRecognizer r = new IbanRecognizer();

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "DE89 3704 0044 0532 0130 00",
                    "GB29NWBK60161331926819",
                    "NL91ABNA0417164300",
                    "AL47-2121-1009-0000-0002-3569-8741"
                })
        void findsValidIbans(String iban) {
            assertThat(found(r, "send to " + iban + " please")).containsExactly(iban);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "DE89 3704 0044 0532 0130 01",
                    "NL91 ABNA 0417 1643 01",
                    "XX89370400440532013000",
                    "BE6853900754703",
                    "LV80 bANK 0000 4351 9500 1"
                })
        void rejectsChecksumAndLengthFailures(String iban) {
            assertThat(found(r, "send to " + iban + " please")).isEmpty();
        }
    }

    @Nested
    class Ssn {
        private final SsnRecognizer r = new SsnRecognizer();

        @ParameterizedTest
        @ValueSource(strings = {"078-05-1123", "078.05.1123", "078 05 1123", "123-45-6789"})
        void findsDelimitedSsns(String ssn) {
            assertThat(found(r, "ssn " + ssn)).containsExactly(ssn);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "000-12-3456",
                    "666-12-3456",
                    "912-34-5678",
                    "078-00-1123",
                    "078-05-0000",
                    "693-09.4444",
                    "078-05-1120"
                })
        void rejectsInvalidAreaGroupSerialOrMixedSeparators(String ssn) {
            assertThat(found(r, "ssn " + ssn)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"My SSN is 078051121", "social security number: 078051121"})
        void acceptsBareDigitsOnlyAfterACue(String text) {
            assertThat(found(r, text)).containsExactly("078051121");
            assertThat(found(r, "invoice 078051121")).isEmpty();
        }
    }

    @Nested
    class Ip {
        private final IpRecognizer r = new IpRecognizer();

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "192.168.1.1",
                    "10.0.0.0/8",
                    "2001:db8::1",
                    "fe80::1%eth0",
                    "::ffff:192.0.2.1",
                    "2001:db8:0:0:0:0:192.168.1.1",
                    "684D:1111:222:3333:4444:5555:6:77"
                })
        void findsAddresses(String ip) {
            assertThat(found(r, "host " + ip + " is down")).containsExactly(ip);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "256.256.256.256",
                    "192.168.1",
                    "Time 12:34:56",
                    "std::cout",
                    "MAC aa:bb:cc:dd:ee:ff",
                    "2001::db8::1",
                    "12345:db8::1",
                    "Version 1.2.3.4",
                    "text192.168.1.1",
                    "Ratio 1:2:3:4",
                    "x :: Int"
                })
        void rejectsLookalikes(String text) {
            assertThat(found(r, text)).isEmpty();
        }
    }

    @Nested
    class Mac {
        private final MacRecognizer r = new MacRecognizer();

        @ParameterizedTest
        @ValueSource(strings = {"00:1A:2B:3C:4D:5E", "AA-BB-CC-DD-EE-F1", "0012.3456.789A"})
        void findsMacs(String mac) {
            assertThat(found(r, "device " + mac)).containsExactly(mac);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "00:1A:2B:3C:4D",
                    "FF:FF:FF:FF:FF:FF",
                    "00:00:00:00:00:00",
                    "10:2F:33-AC-29-C3",
                    "ZZ:ZZ:ZZ:ZZ:ZZ:ZZ"
                })
        void rejectsLookalikes(String mac) {
            assertThat(found(r, "device " + mac)).isEmpty();
        }
    }

    @Nested
    class Secrets {
        private final SecretRecognizer r = new SecretRecognizer();

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "AKIAIOSFODNN7EXAMPLE",
                    "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
                    "xoxb-1234567890-abcdefghij",
                    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                    "sk-proj-abcdefghijklmnopqrstuvwxyz123456",
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
                })
        void findsKnownKeyFormats(String key) {
            assertThat(found(r, "key: " + key)).anyMatch(s -> s.contains(key));
        }

        @org.junit.jupiter.api.Test
        void findsPemPrivateKeysAndAssignedPasswords() {
            String pem =
                    "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----";
            assertThat(found(r, "here:\n" + pem)).contains(pem);
            assertThat(found(r, "db password=Tr0ub4dor&3 ok")).contains("Tr0ub4dor&3");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "commit e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "id 123e4567-e89b-12d3-a456-426614174000",
                    "password: <your-password>",
                    "the word internationalization",
                    "SWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM="
                })
        void leavesHashesIdsPlaceholdersAndReadableBase64Alone(String text) {
            assertThat(found(r, text)).isEmpty();
        }
    }

    @Nested
    class CredentialUrl {
        private final CredentialUrlRecognizer r = new CredentialUrlRecognizer();

        @org.junit.jupiter.api.Test
        void findsUrlsWithUserAndPasswordButNotPlainUrls() {
            assertThat(found(r, "use postgres://app:s3cret@db.internal:5432/main."))
                    .containsExactly("postgres://app:s3cret@db.internal:5432/main");
            assertThat(found(r, "see https://example.com/a?b=c and ssh://git@github.com"))
                    .isEmpty();
        }
    }
}
