package dev.dlqconsole.parking;

/**
 * CSV cells that a spreadsheet reads as text: a cell starting with {@code = + - @}, a tab or a carriage
 * return would be run as a formula, so it gets a leading quote (OWASP's advice on CSV injection); a
 * cell with a comma, a quote or a line break is quoted.
 */
final class CsvCells {

    private CsvCells() {}

    static String cell(String value) {
        var text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\'')) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static String row(String... values) {
        var line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell(values[i]));
        }
        return line.append("\r\n").toString();
    }
}
