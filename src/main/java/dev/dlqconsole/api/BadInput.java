package dev.dlqconsole.api;

/**
 * A request the API refuses before asking a service: names the field (a query parameter, or a JSON
 * field such as {@code filter.status}) and says what is wrong with it. Answered with 400.
 */
final class BadInput extends RuntimeException {

    private final String field;

    BadInput(String field, String problem) {
        super("'" + field + "' " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
