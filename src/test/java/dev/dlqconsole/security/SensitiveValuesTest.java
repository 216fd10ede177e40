package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SensitiveValuesTest {

    private static final String M = SensitiveValues.MARKER;
    private static final JsonMapper json = JsonMapper.builder().build();

    private final SensitiveValues values = new SensitiveValues(
            List.of("Authorization", "x-api-key"), List.of("password", "token", "cardNumber", "api_key", "cvv"));

    @Test
    void a_sensitive_field_is_masked_anywhere_in_a_json_document_and_the_rest_is_untouched() {
        var body = """
                {"user":"ada","password":"hunter2","profile":{"settings":{"Token":"abc.def"}},\
                "lines":[{"sku":"A-1","cvv":"123"},{"sku":"B-2","cvv":"456"}],"note":"password is in the vault"}""";

        var masked = values.mask(body);

        assertThat(masked.text())
                .isEqualTo("{\"user\":\"ada\",\"password\":\"" + M + "\",\"profile\":{\"settings\":{\"Token\":\"" + M
                        + "\"}},\"lines\":[{\"sku\":\"A-1\",\"cvv\":\"" + M + "\"},{\"sku\":\"B-2\",\"cvv\":\"" + M
                        + "\"}],\"note\":\"password is in the vault\"}");
        assertThat(masked.masked()).isEqualTo(4);
        assertThat(json.readTree(masked.text()).path("lines").get(1).path("sku").asString())
                .isEqualTo("B-2");
    }

    @Test
    void numbers_and_booleans_become_the_marker_but_null_stays() {
        var masked = values.mask("{ \"cardNumber\" : 4111111111111111, \"token\": true, \"cvv\": null, \"n\": 7 }");

        assertThat(masked.text())
                .isEqualTo("{ \"cardNumber\" : \"" + M + "\", \"token\": \"" + M + "\", \"cvv\": null, \"n\": 7 }");
        assertThat(masked.masked()).isEqualTo(2);
    }

    @Test
    void an_object_or_array_under_a_sensitive_key_keeps_its_shape_with_every_value_masked() {
        var masked = values.mask("{\"token\":{\"value\":\"abc\",\"expires\":3600,\"scopes\":[\"read\",\"write\"]},"
                + "\"after\":\"kept\"}");

        assertThat(masked.text())
                .isEqualTo("{\"token\":{\"value\":\"" + M + "\",\"expires\":\"" + M + "\",\"scopes\":[\"" + M + "\",\""
                        + M + "\"]},\"after\":\"kept\"}");
        assertThat(masked.masked()).isEqualTo(4);
    }

    @Test
    void a_json_array_of_documents_is_masked_in_each() {
        var masked = values.mask("[{\"password\":\"a\"},{\"password\":\"b\"},{\"other\":\"c\"}]");

        assertThat(masked.text())
                .isEqualTo("[{\"password\":\"" + M + "\"},{\"password\":\"" + M + "\"},{\"other\":\"c\"}]");
    }

    @Test
    void escaped_quotes_in_a_value_end_neither_the_value_nor_the_masking_early() {
        var body = "{\"password\":\"p\\\"a\\\\\\\"ss\",\"note\":\"say \\\"token\\\": \\\"x\\\"\",\"user\":\"bob\"}";

        var masked = values.mask(body);

        assertThat(masked.text())
                .isEqualTo("{\"password\":\"" + M + "\",\"note\":\"say \\\"token\\\": \\\"x\\\"\",\"user\":\"bob\"}");
        assertThat(json.readTree(masked.text()).path("user").asString()).isEqualTo("bob");
    }

    @Test
    void an_escaped_key_is_read_as_its_text() {
        assertThat(values.mask("{\"pass\\u0077ord\":\"x\"}").text()).isEqualTo("{\"pass\\u0077ord\":\"" + M + "\"}");
    }

    @Test
    void fields_match_whatever_their_case_and_only_whole_names() {
        var masked =
                values.mask("{\"PASSWORD\":\"a\",\"Password\":\"b\",\"passwordHint\":\"c\",\"oldpassword\":\"d\"}");

        assertThat(masked.text())
                .isEqualTo("{\"PASSWORD\":\"" + M + "\",\"Password\":\"" + M
                        + "\",\"passwordHint\":\"c\",\"oldpassword\":\"d\"}");
    }

    @Test
    void a_preview_cut_off_inside_a_sensitive_value_is_masked_to_its_end() {
        assertThat(values.mask("{\"user\":\"ada\",\"password\":\"hunt").text())
                .isEqualTo("{\"user\":\"ada\",\"password\":\"" + M + "\"");
        assertThat(values.mask("{\"cardNumber\": 41111").text()).isEqualTo("{\"cardNumber\": \"" + M + "\"");
        assertThat(values.mask("{\"password\":\"ab\\").text()).isEqualTo("{\"password\":\"" + M + "\"");
        assertThat(values.mask("{\"user\":\"ada\",\"passw").text()).isEqualTo("{\"user\":\"ada\",\"passw");
    }

    @Test
    void json_inside_a_string_is_masked_inside_and_stays_a_valid_string() {
        // SNS delivers its notification to SQS with the original message as a JSON string.
        var body =
                "{\"Type\":\"Notification\",\"Message\":\"{\\\"orderId\\\":\\\"o-1\\\",\\\"password\\\":\\\"s3cr\\\\\\\"t\\\"}\"}";

        var masked = values.mask(body);

        assertThat(masked.masked()).isEqualTo(1);
        var message = json.readTree(masked.text()).path("Message").asString();
        assertThat(json.readTree(message).path("password").asString()).isEqualTo(M);
        assertThat(json.readTree(message).path("orderId").asString()).isEqualTo("o-1");
    }

    @Test
    void form_and_query_text_is_masked_by_name() {
        var masked = values.mask("grant_type=password&username=ada&Password=hunter%32&api_key=k-1;cvv=;token='a b'");

        assertThat(masked.text())
                .isEqualTo("grant_type=password&username=ada&Password=" + M + "&api_key=" + M + ";cvv=;token=" + M);
        assertThat(masked.masked()).isEqualTo(3);
        assertThat(values.mask("GET /orders?id=7&token=abc HTTP/1.1").text())
                .isEqualTo("GET /orders?id=7&token=" + M + " HTTP/1.1");
        assertThat(values.mask("mytoken=abc x-password=def").masked()).isZero();
    }

    @Test
    void text_that_only_looks_like_json_is_read_as_key_value_text() {
        assertThat(values.mask("{password=hunter2, user=ada}").text()).isEqualTo("{password=" + M + ", user=ada}");
        assertThat(values.mask("Login[user=ada, token=abc]").text()).isEqualTo("Login[user=ada, token=" + M + "]");
    }

    @Test
    void key_value_text_inside_a_json_string_is_masked() {
        var masked = values.mask("{\"query\":\"a=1&token=abc\",\"n\":1}");

        assertThat(masked.text()).isEqualTo("{\"query\":\"a=1&token=" + M + "\",\"n\":1}");
    }

    @Test
    void a_body_with_nothing_sensitive_comes_back_as_the_same_text() {
        var body = "{\"orderId\":\"o-1\",\"lines\":[1,2,3],\"text\":\"a=b\"}";

        var masked = values.mask(body);

        assertThat(masked.text()).isSameAs(body);
        assertThat(masked.masked()).isZero();
        assertThat(values.mask("").text()).isEmpty();
        assertThat(values.mask("plain text, no pairs").masked()).isZero();
    }

    @Test
    void attributes_are_sensitive_by_name_whatever_their_case() {
        assertThat(values.isSensitiveAttribute("authorization")).isTrue();
        assertThat(values.isSensitiveAttribute("X-API-Key")).isTrue();
        assertThat(values.isSensitiveAttribute("x-api-key-id")).isFalse();
        assertThat(values.isSensitiveAttribute("error")).isFalse();
    }

    @Test
    void with_no_names_configured_nothing_is_masked() {
        var none = new SensitiveValues(List.of(), List.of(" "));

        assertThat(none.mask("{\"password\":\"x\"}").masked()).isZero();
        assertThat(none.isSensitiveAttribute("authorization")).isFalse();
    }

    @Test
    void a_one_mebibyte_body_is_masked_quickly() {
        var item = "{\"sku\":\"A-1\",\"password\":\"p\",\"note\":\"x=1 and a \\\"quote\\\"\"},";
        var body = new StringBuilder("{\"items\":[");
        int items = 0;
        while (body.length() < 1_048_576 - item.length() - 20) {
            body.append(item);
            items++;
        }
        body.append("{\"last\":\"\\\\\"}],\"token\":\"t\"}");
        var text = body.toString();

        var started = System.nanoTime();
        var masked = values.mask(text);
        var took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(masked.masked()).isEqualTo(items + 1);
        assertThat(json.readTree(masked.text()).path("token").asString()).isEqualTo(M);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void almost_json_is_still_masked_a_byte_order_mark_nan_a_comment_or_trailing_text() {
        assertThat(values.mask("\uFEFF{\"password\":\"hunter2\"}").text()).doesNotContain("hunter2");
        assertThat(values.mask("{\"password\":\"hunter2\",\"n\": NaN}").text())
                .doesNotContain("hunter2")
                .contains("NaN");
        assertThat(values.mask("{\"password\":\"hunter2\"} // sent by the retry job")
                        .text())
                .isEqualTo("{\"password\":\"" + M + "\"} // sent by the retry job");
    }

    @Test
    void a_name_value_pair_is_masked_whole_escaped_quotes_cut_off_quotes_and_schemes_included() {
        assertThat(values.mask("password=\"ab\\\"cd\" next=1").text()).isEqualTo("password=" + M + " next=1");
        assertThat(values.mask("a=1&password=\"hunt").text()).isEqualTo("a=1&password=" + M);
        assertThat(values.mask("token=Bearer eyJhbGciOi.payload rest").text()).isEqualTo("token=" + M + " rest");
    }

    @Test
    void header_lines_are_masked_to_their_end_whatever_the_scheme() {
        var masked = new SensitiveValues(List.of(), List.of("authorization", "token"))
                .mask(
                        "POST /pay HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer eyJ.abc\r\n  token:  t-1 t-2\r\n\r\n{}");

        assertThat(masked.text())
                .isEqualTo(
                        "POST /pay HTTP/1.1\r\nHost: api\r\nAuthorization: " + M + "\r\n  token:  " + M + "\r\n\r\n{}");
        assertThat(masked.masked()).isEqualTo(2);
    }

    @Test
    void python_style_dicts_keep_their_quotes_around_the_marker() {
        var masked = values.mask("{'user': 'ada', 'password': 'hun\\'ter2', \"token\": None, 'cvv': 123}");

        assertThat(masked.text())
                .isEqualTo("{'user': 'ada', 'password': '" + M + "', \"token\": " + M + ", 'cvv': " + M + "}");
        assertThat(masked.masked()).isEqualTo(3);
    }

    @Test
    void a_value_masked_already_is_not_counted_again() {
        var once = values.mask("{'password': 'x'} token: abc");

        var twice = values.mask(once.text());

        assertThat(twice.text()).isEqualTo(once.text());
        assertThat(twice.masked()).isZero();
    }

    @Test
    void the_name_alone_in_a_sentence_is_not_a_value() {
        assertThat(values.mask("the password was rotated; see token docs").masked())
                .isZero();
    }
}
