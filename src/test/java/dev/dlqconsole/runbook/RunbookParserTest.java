package dev.dlqconsole.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunbookParserTest {

    private static final Path SHIPPED = Path.of("runbooks");

    private final RunbookParser parser = new RunbookParser();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "downstream-outage",
                "fifo-poison-message",
                "schema-change-broke-consumers",
                "malformed-payload",
                "dlq-filling-fast"
            })
    void shipped_runbooks_parse_without_problems_and_name_a_console_action_in_every_step(String id) throws IOException {
        var file = id + ".md";
        var parsed = parser.parse(file, Files.readString(SHIPPED.resolve(file)));

        assertThat(parsed.problems()).isEmpty();
        var runbook = parsed.runbook();
        assertThat(runbook).isNotNull();
        assertThat(runbook.id()).isEqualTo(id);
        assertThat(runbook.source()).isEqualTo(file);
        assertThat(runbook.summaryHtml()).isNotBlank();
        assertThat(runbook.steps()).hasSizeBetween(4, 7);
        assertThat(runbook.steps())
                .allSatisfy(step -> assertThat(step.html())
                        .as("step %d of %s", step.number(), id)
                        .contains("In the console:"));
    }

    @Test
    void the_shipped_folder_holds_only_the_five_runbooks() throws IOException {
        try (var files = Files.list(SHIPPED)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "downstream-outage.md",
                            "fifo-poison-message.md",
                            "schema-change-broke-consumers.md",
                            "malformed-payload.md",
                            "dlq-filling-fast.md");
        }
    }

    @Test
    void reads_front_matter_summary_and_numbered_steps() {
        var runbook = parse("""
                ---
                id: disk-full
                title: "Disk full: what now"
                severity: sev1
                applies-to-dlqs: [orders-dlq, 'payments-*.fifo']
                applies-to-reasons: ['(?i)no space left', 'ENOSPC|\\d{1,3}% full']
                ---
                The *summary*.

                ## 1. Confirm the blast radius
                Look at **Overview**.

                ### A sub-heading stays in its step

                ## 2. Free space with `rm`
                ```bash
                ## 3. not a step: this is inside a code block
                df -h
                ```
                """);

        assertThat(runbook.id()).isEqualTo("disk-full");
        assertThat(runbook.title()).isEqualTo("Disk full: what now");
        assertThat(runbook.severity()).isEqualTo(Severity.SEV1);
        assertThat(runbook.dlqPatterns()).containsExactly("orders-dlq", "payments-*.fifo");
        assertThat(runbook.reasonPatterns())
                .extracting(Pattern::pattern)
                .containsExactly("(?i)no space left", "ENOSPC|\\d{1,3}% full");
        assertThat(runbook.summaryHtml()).isEqualTo("<p>The <em>summary</em>.</p>");
        assertThat(runbook.steps())
                .extracting(RunbookStep::number, RunbookStep::title)
                .containsExactly(tuple(1, "Confirm the blast radius"), tuple(2, "Free space with rm"));
        assertThat(runbook.steps().get(0).html())
                .contains("<strong>Overview</strong>")
                .contains("<h3>A sub-heading stays in its step</h3>");
        assertThat(runbook.steps().get(1).html()).contains("<pre><code>## 3. not a step");
        assertThat(runbook.step(2)).isPresent();
        assertThat(runbook.step(3)).isEmpty();
    }

    @Test
    void leaving_out_severity_and_applicability_means_sev3_for_every_dlq_and_failure() {
        var runbook = parse("""
                ---
                id: minimal
                title: Minimal
                ---
                ## 1. Only step
                """);

        assertThat(runbook.severity()).isEqualTo(Severity.SEV3);
        assertThat(runbook.appliesToDlq("anything-dlq")).isTrue();
        assertThat(runbook.appliesToReason("anything at all")).isTrue();
    }

    @Test
    void a_malicious_runbook_renders_inert() {
        var runbook = parse("""
                ---
                id: evil
                title: Evil
                ---
                <script>alert(1)</script>

                ## 1. Click here
                <img src=x onerror=alert(1)>

                [x](javascript:alert(1)) <a href="javascript:alert(2)" onclick="alert(3)">y</a>
                <iframe src="https://evil.example"></iframe>
                """);

        var html = runbook.summaryHtml() + runbook.steps().getFirst().html();
        assertThat(html.toLowerCase())
                .doesNotContain("<script", "alert(1)", "onerror", "onclick", "javascript:", "<iframe");
    }

    @Test
    void links_open_in_a_new_tab_without_a_handle_on_the_console_and_code_and_tables_are_kept() {
        var runbook = parse("""
                ---
                id: good
                title: Good
                ---
                ## 1. Check
                See [the SQS docs](https://docs.aws.amazon.com/sqs/).

                ```bash
                aws sqs get-queue-attributes --attribute-names ApproximateNumberOfMessages
                ```

                | metric | meaning |
                | :--- | ---: |
                | `ApproximateAgeOfOldestMessage` | age |
                """);

        var html = runbook.steps().getFirst().html();
        assertThat(html)
                .contains("<a href=\"https://docs.aws.amazon.com/sqs/\" rel=\"noopener noreferrer\" target=\"_blank\">")
                .contains("<pre><code>aws sqs get-queue-attributes")
                .contains(
                        "<table>",
                        "<th align=\"left\">metric</th>",
                        "<td align=\"left\"><code>ApproximateAgeOfOldestMessage</code>");
    }

    @Test
    void lists_split_at_commas_unless_an_item_is_quoted() {
        assertThat(FrontMatter.list("[a, b ,c]")).containsExactly("a", "b", "c");
        assertThat(FrontMatter.list("[]")).isEmpty();
        assertThat(FrontMatter.list("['\\d{1,3}', \"x, y\", Template '.*' not found]"))
                .containsExactly("\\d{1,3}", "x, y", "Template '.*' not found");
    }

    @Test
    void reports_each_front_matter_problem_with_its_line() {
        var problems = problems("bad.md", """
                ---
                id: Bad_Id
                title: Bad
                severity: urgent
                owner: team-a
                applies-to-dlqs: orders-dlq
                applies-to-reasons: ['(unclosed', ok]
                  - indented
                severity: sev2
                ---
                ## 1. Step
                """);

        assertThat(problems)
                .extracting(RunbookProblem::file, RunbookProblem::line)
                .containsExactly(
                        tuple("bad.md", 5),
                        tuple("bad.md", 8),
                        tuple("bad.md", 9),
                        tuple("bad.md", 2),
                        tuple("bad.md", 4),
                        tuple("bad.md", 6),
                        tuple("bad.md", 7));
        assertThat(problems)
                .extracting(RunbookProblem::message)
                .anySatisfy(message -> assertThat(message).contains("unknown key 'owner'"))
                .anySatisfy(message -> assertThat(message).contains("already given on line 4"))
                .anySatisfy(message -> assertThat(message).contains("'Bad_Id' may only use"))
                .anySatisfy(message -> assertThat(message).contains("severity 'urgent' is not one of"))
                .anySatisfy(message -> assertThat(message).contains("expected a list"))
                .anySatisfy(message -> assertThat(message).contains("'(unclosed' is not a valid regular expression"));
    }

    @Test
    void replay_never_marks_a_runbook_whose_failures_must_not_be_replayed() {
        var never = parser.parse("never.md", """
                ---
                id: broken-bytes
                title: Broken bytes
                replay: never
                ---
                Summary.

                ## 1. Discard them
                Text.
                """);
        assertThat(never.problems()).isEmpty();
        assertThat(never.runbook().replayNever()).isTrue();
        var unsaid = parser.parse("unsaid.md", """
                ---
                id: outage
                title: Outage
                ---
                Summary.

                ## 1. Replay
                Text.
                """);
        assertThat(unsaid.runbook().replayNever()).isFalse();
        assertThat(parser.parse("typo.md", """
                        ---
                        id: typo
                        title: Typo
                        replay: nope
                        ---
                        Summary.
                        """).problems())
                .extracting(RunbookProblem::message)
                .anySatisfy(message -> assertThat(message).contains("replay 'nope' is not 'never' or 'allowed'"));
    }

    @Test
    void reports_missing_id_and_title_at_the_opening_line() {
        assertThat(problems("untitled.md", """
                        ---
                        severity: sev2
                        ---
                        ## 1. Step
                        """))
                .containsExactly(
                        new RunbookProblem("untitled.md", 1, "the front matter has no 'id'"),
                        new RunbookProblem("untitled.md", 1, "the front matter has no 'title'"));
    }

    @Test
    void reports_front_matter_that_is_missing_or_never_closed() {
        assertThat(problems("plain.md", "# Just Markdown\n\n## 1. Step\n"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(1))
                .satisfies(problem -> assertThat(problem.message()).contains("starts with front matter"));
        assertThat(problems("open.md", "---\nid: open\ntitle: Open\n\n## 1. Step\n"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(1))
                .satisfies(problem -> assertThat(problem.message()).contains("never closed"));
    }

    @Test
    void reports_a_runbook_without_numbered_steps_and_steps_out_of_order() {
        assertThat(problems("stepless.md", "---\nid: stepless\ntitle: Stepless\n---\nText.\n\n## Steps\n"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(5))
                .satisfies(problem -> assertThat(problem.message()).startsWith("no numbered steps"));
        assertThat(problems("skips.md", "---\nid: skips\ntitle: Skips\n---\n## 1. One\n\n## 3. Three\n"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(7))
                .satisfies(problem -> assertThat(problem.message()).contains("step 3 should be step 2"));
    }

    @Test
    void reports_an_invalid_dlq_pattern() {
        assertThat(problems("glob.md", "---\nid: glob\ntitle: Glob\napplies-to-dlqs: [orders dlq]\n---\n## 1. S\n"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.line()).isEqualTo(4))
                .satisfies(problem -> assertThat(problem.message()).contains("'orders dlq' is not a DLQ name pattern"));
    }

    private Runbook parse(String text) {
        var parsed = parser.parse("test.md", text);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.runbook()).isNotNull();
        return parsed.runbook();
    }

    private List<RunbookProblem> problems(String file, String text) {
        var parsed = parser.parse(file, text);
        assertThat(parsed.runbook()).isNull();
        return parsed.problems();
    }
}
