package dev.dlqconsole.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {

    @TempDir
    Path folder;

    @Test
    void a_broken_runbook_is_reported_with_file_and_line_and_the_others_still_load() throws IOException {
        write("a-good.md", runbook("good", "Good"));
        write("b-broken.md", """
                ---
                id: broken
                title: Broken
                severity: sev9
                ---
                ## 1. Step
                """);
        write("c-also-good.md", runbook("also-good", "Also good"));

        var library = library();

        assertThat(library.all()).extracting(Runbook::id).containsExactly("good", "also-good");
        assertThat(library.problems())
                .containsExactly(
                        new RunbookProblem("b-broken.md", 4, "severity 'sev9' is not one of sev1, sev2, sev3, sev4"));
    }

    @Test
    void a_malicious_runbook_loads_inert_beside_good_ones_while_broken_front_matter_is_a_problem() throws IOException {
        write("a-good.md", runbook("good", "Good"));
        write("b-unclosed.md", """
                ---
                id: unclosed
                title: Never closed
                ## 1. Step
                """);
        write("c-evil.md", """
                ---
                id: evil
                title: Evil
                ---
                <script>alert(1)</script>

                ## 1. Click here
                [x](javascript:alert(1)) <img src=x onerror=alert(2)>
                """);

        var library = library();

        assertThat(library.all()).extracting(Runbook::id).containsExactly("good", "evil");
        var evil = library.find("evil").orElseThrow();
        assertThat((evil.summaryHtml() + evil.steps().getFirst().html()).toLowerCase())
                .contains(">x</a>")
                .doesNotContain("<script", "javascript:", "onerror", "alert(");
        assertThat(library.problems())
                .extracting(RunbookProblem::file, RunbookProblem::line)
                .containsExactly(tuple("b-unclosed.md", 1));
    }

    @Test
    void a_failure_group_over_several_dlqs_gets_the_runbooks_of_any_of_them() throws IOException {
        write("any.md", runbook("any", "Any", "sev1", "[*]", "[]"));
        write("fifo.md", runbook("fifo", "FIFO", "sev3", "['*.fifo']", "[]"));
        write("orders.md", runbook("orders", "Orders", "sev2", "[orders-dlq]", "['(?i)timed? ?out']"));
        var library = library();

        assertThat(library.applicableToAny(List.of("payments-dlq.fifo", "orders-dlq"), "Read timed out"))
                .extracting(Runbook::id)
                .containsExactly("orders", "fifo", "any");
        assertThat(library.applicableToAny(List.of("shipping-dlq"), "Read timed out"))
                .extracting(Runbook::id)
                .containsExactly("any");
    }

    @Test
    void the_first_file_keeps_an_id_that_a_later_one_repeats() throws IOException {
        write("a.md", runbook("same", "First"));
        write("b.md", runbook("same", "Second"));

        var library = library();

        assertThat(library.find("same")).get().extracting(Runbook::title).isEqualTo("First");
        assertThat(library.problems())
                .containsExactly(new RunbookProblem("b.md", 2, "id 'same' is already used by a.md"));
    }

    @Test
    void reads_only_markdown_files_and_finds_by_id() throws IOException {
        write("notes.txt", "not a runbook");
        write("one.md", runbook("one", "One"));

        var library = library();

        assertThat(library.all()).extracting(Runbook::source).containsExactly("one.md");
        assertThat(library.find("one")).isPresent();
        assertThat(library.find("two")).isEmpty();
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void reload_picks_up_edited_and_new_files() throws IOException {
        write("one.md", runbook("one", "One"));
        var library = library();
        write("one.md", runbook("one", "One, edited"));
        write("two.md", runbook("two", "Two"));

        library.reload();

        assertThat(library.all()).extracting(Runbook::title).containsExactly("One, edited", "Two");
    }

    @Test
    void applies_by_dlq_glob_and_reason_regex_with_the_most_specific_first() throws IOException {
        write("any.md", runbook("any", "Any failure anywhere", "sev1", "[*]", "[]"));
        write("fifo.md", runbook("fifo", "FIFO", "sev3", "['payments-*.fifo']", "[]"));
        write(
                "timeouts.md",
                runbook("timeouts", "Timeouts", "sev2", "[orders-dlq, shipping-?-dlq]", "['(?i)timed? ?out']"));
        var library = library();

        assertThat(library.applicableTo("orders-dlq", "Read timed out after 3500 ms calling inventory-service"))
                .extracting(Runbook::id)
                .containsExactly("timeouts", "any");
        assertThat(library.applicableTo("orders-dlq", "Template 'order-shipped-v3' not found"))
                .extracting(Runbook::id)
                .containsExactly("any");
        assertThat(library.applicableTo("shipping-eu-dlq", null))
                .extracting(Runbook::id)
                .containsExactly("any");
        assertThat(library.applicableTo("shipping-1-dlq", " "))
                .extracting(Runbook::id)
                .containsExactly("timeouts", "any");
        assertThat(library.applicableTo("payments-dlq.fifo", "anything"))
                .extracting(Runbook::id)
                .containsExactly("fifo", "any");
        assertThat(library.applicableTo("payments-dlqXfifo", "anything"))
                .extracting(Runbook::id)
                .containsExactly("any");
    }

    @Test
    void the_shipped_runbooks_apply_to_the_failures_they_are_written_for() {
        var library = new RunbookLibrary(new RunbookProperties("runbooks"));

        assertThat(library.problems()).isEmpty();
        assertThat(ids(
                        library,
                        "orders-dlq",
                        "Read timed out after 3500 ms calling inventory-service at 10.0.3.4:8443"))
                .containsExactly("downstream-outage", "dlq-filling-fast");
        assertThat(ids(library, "orders-dlq", "java.net.SocketTimeoutException"))
                .containsExactly("downstream-outage", "dlq-filling-fast");
        assertThat(ids(library, "shipping-dlq", "HTTP 503 Service Unavailable from carrier-api"))
                .containsExactly("downstream-outage", "dlq-filling-fast");
        for (var reason : new String[] {
            "Unsupported currency 'XBT' in order ord-123",
            "Cannot invoke \"Customer.id()\" because \"customer\" is null",
            "Template 'order-shipped-v3' not found",
            "Payment amount must be positive but was -12.5",
            "Unknown destination country 'XX' for order ord-9"
        }) {
            assertThat(ids(library, "orders-dlq", reason))
                    .as(reason)
                    .containsExactly("schema-change-broke-consumers", "dlq-filling-fast");
        }
        // A body that cannot be parsed is broken, not a schema change: its runbook says never to replay it.
        assertThat(ids(
                        library,
                        "orders-dlq",
                        "Unexpected character at line 1 column 1: payload of 503 chars is not JSON"))
                .containsExactly("malformed-payload", "dlq-filling-fast");
        assertThat(library.find("malformed-payload").orElseThrow().replayNever())
                .isTrue();
        assertThat(library.find("schema-change-broke-consumers").orElseThrow().replayNever())
                .isFalse();
        assertThat(ids(library, "payments-dlq.fifo", "Payment amount must be positive but was -12.5"))
                .containsExactly("schema-change-broke-consumers", "fifo-poison-message", "dlq-filling-fast");
    }

    @Test
    void serves_the_packaged_runbooks_when_the_folder_does_not_exist() {
        var library = new RunbookLibrary(
                new RunbookProperties(folder.resolve("missing").toString()));

        assertThat(library.all())
                .extracting(Runbook::id)
                .containsExactlyInAnyOrder(
                        "downstream-outage",
                        "fifo-poison-message",
                        "schema-change-broke-consumers",
                        "malformed-payload",
                        "dlq-filling-fast");
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void an_empty_folder_serves_no_runbooks() {
        assertThat(library().all()).isEmpty();
    }

    private static List<String> ids(RunbookLibrary library, String dlq, String reason) {
        return library.applicableTo(dlq, reason).stream().map(Runbook::id).toList();
    }

    private RunbookLibrary library() {
        return new RunbookLibrary(new RunbookProperties(folder.toString()));
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text);
    }

    private static String runbook(String id, String title) {
        return runbook(id, title, "sev3", "[*]", "[]");
    }

    private static String runbook(String id, String title, String severity, String dlqs, String reasons) {
        return """
                ---
                id: %s
                title: %s
                severity: %s
                applies-to-dlqs: %s
                applies-to-reasons: %s
                ---
                Summary.

                ## 1. Only step
                Do it.
                """.formatted(id, title, severity, dlqs, reasons);
    }
}
