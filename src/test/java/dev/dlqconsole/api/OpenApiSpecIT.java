package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-written OpenAPI description and the controllers stay in step: every mapping under /api is
 * described, and nothing is described that no controller serves. Its internal references resolve.
 */
class OpenApiSpecIT extends ApiIntegrationTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_api_mapping_is_described_and_every_described_operation_is_served() throws IOException {
        var served = new TreeSet<String>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPathPatternsCondition().getPatterns().forEach(pattern -> {
                    var path = pattern.getPatternString();
                    if (path.startsWith("/api/") && !path.equals(UnknownApiPaths.PATTERN)) {
                        assertThat(info.getMethodsCondition().getMethods())
                                .as("%s must name its HTTP method", path)
                                .isNotEmpty();
                        info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                    }
                }));

        var described = new TreeSet<String>();
        paths(spec()).forEach((path, item) -> {
            for (var method : METHODS) {
                if (item.containsKey(method)) {
                    described.add(method.toUpperCase() + " " + path);
                }
            }
        });

        assertThat(served).as("mappings under /api").isNotEmpty();
        assertThat(described).isEqualTo(served);
    }

    @Test
    void the_description_is_openapi_3_1_with_unique_operation_ids_and_references_that_resolve() throws IOException {
        var spec = spec();
        assertThat(spec.get("openapi")).isEqualTo("3.1.0");
        var operationIds = new ArrayList<String>();
        paths(spec).forEach((path, item) -> {
            for (var method : METHODS) {
                if (item.get(method) instanceof Map<?, ?> operation) {
                    operationIds.add(String.valueOf(operation.get("operationId")));
                    assertThat(operation.get("responses"))
                            .as(method + " " + path)
                            .isNotNull();
                    assertThat(operation.get("summary")).as(method + " " + path).isNotNull();
                }
            }
        });
        assertThat(operationIds).doesNotHaveDuplicates().doesNotContain("null");

        var refs = new ArrayList<String>();
        collectRefs(spec, refs);
        assertThat(refs).isNotEmpty();
        for (var ref : refs) {
            assertThat(ref).startsWith("#/");
            Object node = spec;
            for (var part : ref.substring(2).split("/")) {
                assertThat(node).as(ref).isInstanceOf(Map.class);
                node = ((Map<?, ?>) node).get(part);
            }
            assertThat(node).as(ref + " resolves").isNotNull();
        }
    }

    @Test
    void the_served_description_is_the_file() throws IOException {
        var response = send(anonymous("/api/openapi.yaml"));

        try (InputStream in = new ClassPathResource(OpenApiController.SPEC).getInputStream()) {
            assertThat(response.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> spec() throws IOException {
        try (InputStream in = new ClassPathResource(OpenApiController.SPEC).getInputStream()) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths(Map<String, Object> spec) {
        return (Map<String, Map<String, Object>>) spec.get("paths");
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(String.valueOf(value));
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
