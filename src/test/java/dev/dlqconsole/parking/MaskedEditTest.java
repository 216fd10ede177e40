package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.security.SensitiveValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedEditTest {

    private static final String M = SensitiveValues.MARKER;
    private final SensitiveValues sensitive =
            new SensitiveValues(List.of("authorization"), List.of("password", "cvv", "authorization"));

    @Test
    void a_masked_json_value_left_as_it_was_keeps_its_stored_value() {
        var stored = "{\"user\":\"ann\",\"password\":\"hunter2\",\"card\":{\"cvv\":123}}";
        var masked = sensitive.mask(stored).text();
        var edited = MaskedEdit.pretty(masked).replace("\"ann\"", "\"anna\"");

        var restored = MaskedEdit.json(edited, masked, stored, "body");

        assertThat(MaskedEdit.tree(restored))
                .isEqualTo(MaskedEdit.tree("{\"user\":\"anna\",\"password\":\"hunter2\",\"card\":{\"cvv\":123}}"));
        assertThat(restored).as("the editor's layout is kept").contains("\n");
    }

    @Test
    void a_masked_json_value_the_editor_replaced_is_the_new_value() {
        var stored = "{\"password\":\"hunter2\",\"cvv\":123}";
        var masked = sensitive.mask(stored).text();

        var restored = MaskedEdit.json(masked.replace("\"cvv\":\"" + M + "\"", "\"cvv\":456"), masked, stored, "body");

        assertThat(MaskedEdit.tree(restored)).isEqualTo(MaskedEdit.tree("{\"password\":\"hunter2\",\"cvv\":456}"));
    }

    @Test
    void a_marker_moved_to_another_field_or_a_reordered_array_is_refused() {
        var stored = "{\"password\":\"hunter2\",\"note\":\"x\"}";
        var masked = sensitive.mask(stored).text();
        assertThatThrownBy(() ->
                        MaskedEdit.json("{\"password\":\"" + M + "\",\"note\":\"" + M + "\"}", masked, stored, "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.note")
                .hasMessageNotContaining("hunter2");

        var list = "[{\"password\":\"a\"},{\"password\":\"b\"}]";
        var maskedList = sensitive.mask(list).text();
        assertThatThrownBy(() -> MaskedEdit.json("[{\"password\":\"" + M + "\"}]", maskedList, list, "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("items");
    }

    @Test
    void an_edit_that_is_no_longer_json_is_refused_with_where() {
        assertThatThrownBy(() -> MaskedEdit.json("{\"a\": 1,\n \"b\": }", "{}", "{}", "body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no longer well-formed JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void text_keeps_the_stored_line_where_a_masked_line_was_left_and_refuses_a_changed_one() {
        var stored = "POST /pay\nAuthorization: Bearer s3cret\nbody=1";
        var masked = sensitive.mask(stored).text();
        assertThat(masked).contains("Authorization: " + M);

        assertThat(MaskedEdit.text(masked.replace("body=1", "body=2"), masked, stored))
                .isEqualTo("POST /pay\nAuthorization: Bearer s3cret\nbody=2");
        assertThatThrownBy(() ->
                        MaskedEdit.text(masked.replace("Authorization: " + M, "Authorization:  " + M), masked, stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Line 2");
        assertThat(MaskedEdit.text(masked.replace(M, "Bearer n3w"), masked, stored))
                .isEqualTo("POST /pay\nAuthorization: Bearer n3w\nbody=1");
    }

    @Test
    void the_diff_pairs_changed_lines_and_folds_long_unchanged_runs() {
        var before = String.join("\n", java.util.Collections.nCopies(20, "same")) + "\nold";
        var after = String.join("\n", java.util.Collections.nCopies(20, "same")) + "\nnew\nadded";

        var diff = TextDiff.of(before, after);

        assertThat(diff.changedLines()).isEqualTo(2);
        assertThat(diff.rows().getFirst().kind()).isEqualTo(TextDiff.Kind.FOLDED);
        assertThat(diff.rows().getFirst().left()).isEqualTo("17 unchanged lines");
        assertThat(diff.rows())
                .filteredOn(r -> r.kind() == TextDiff.Kind.CHANGED)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.left()).isEqualTo("old");
                    assertThat(r.right()).isEqualTo("new");
                });
        assertThat(TextDiff.of("<b>x</b>", "<b>y</b>").rows().getFirst().right())
                .as("text, not markup")
                .isEqualTo("<b>y</b>");
    }
}
