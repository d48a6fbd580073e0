package dev.chippy.analyst.window;

/**
 * A subject's share of one input partition, as the analyst's stores key it: {@code till-1@2} is
 * what till-1's orders from partition 2 brought. Subjects never hold an {@code @}: till ids,
 * portion ids and "shop" are lower-case letters, digits and dashes.
 */
final class Share {

    private static final char AT = '@';

    private Share() {
    }

    static String of(String subject, int partition) {
        return subject + AT + partition;
    }

    static String subjectOf(String share) {
        return share.substring(0, share.lastIndexOf(AT));
    }

    static int partitionOf(String share) {
        return Integer.parseInt(share.substring(share.lastIndexOf(AT) + 1));
    }
}
