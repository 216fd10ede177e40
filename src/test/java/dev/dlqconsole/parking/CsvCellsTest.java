package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void a_cell_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote() {
        assertThat(CsvCells.cell("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvCells.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvCells.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_and_plain_text_is_left_alone() {
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell("Timeout after 30s")).isEqualTo("Timeout after 30s");
        assertThat(CsvCells.cell("")).isEmpty();
        assertThat(CsvCells.row("1", "x=y")).isEqualTo("1,x=y\r\n");
    }
}
