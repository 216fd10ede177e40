package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated contract, as a client reads it at /api/openapi.yaml without logging in: every mapping
 * under /api is described and nothing else (no UI route, no actuator, not springdoc's own endpoints),
 * each operation has an id, a summary and responses, and its references resolve.
 */
class OpenApiSpecIT extends ApiIntegrationTest {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_api_mapping_is_described_and_every_described_operation_is_served() throws Exception {
        var served = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (isContractItself(handler)) {
                return;
            }
            info.getPathPatternsCondition().getPatterns().forEach(pattern -> {
                var path = pattern.getPatternString();
                if (path.startsWith("/api/") && !path.equals(UnknownApiPaths.PATTERN)) {
                    assertThat(info.getMethodsCondition().getMethods())
                            .as("%s must name its HTTP method", path)
                            .isNotEmpty();
                    info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + path));
                }
            });
        });

        var described = new TreeSet<String>();
        paths(contract()).forEach((path, item) -> {
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
    void the_contract_is_openapi_3_1_with_unique_operation_ids_and_references_that_resolve() throws Exception {
        var contract = contract();
        assertThat(contract.get("openapi")).isEqualTo("3.1.0");
        var operationIds = new ArrayList<String>();
        paths(contract).forEach((path, item) -> {
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
        collectRefs(contract, refs);
        assertThat(refs).isNotEmpty();
        var schemas = new ContractSchemas(contract);
        for (var ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(schemas.resolve(Map.of("$ref", ref)))
                    .as(ref + " resolves")
                    .isNotNull();
        }
    }

    @Test
    void the_contract_needs_no_login_as_yaml_and_as_json_and_says_how_to_log_in() throws Exception {
        var yaml = send(anonymous("/api/openapi.yaml"));
        var jsonContract = send(anonymous("/api/openapi"));

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/vnd.oai.openapi"));
        assertThat(jsonContract.statusCode()).isEqualTo(200);
        assertThat(json.readTree(jsonContract.body()).path("openapi").asString())
                .isEqualTo("3.1.0");
        @SuppressWarnings("unchecked")
        var schemes = (Map<String, Object>) ((Map<String, Object>) contract().get("components")).get("securitySchemes");
        assertThat(schemes).containsOnlyKeys("basic", "bearer");
    }

    /** springdoc's endpoints serve the contract; they are not part of it. */
    static boolean isContractItself(HandlerMethod handler) {
        return handler.getBeanType().getPackageName().startsWith("org.springdoc");
    }

    Map<String, Object> contract() throws Exception {
        var response = send(anonymous("/api/openapi.yaml"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // For a person to read what was generated; the build does not use it.
        Files.writeString(Path.of("target", "openapi.yaml"), response.body());
        return new Yaml().load(response.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> paths(Map<String, Object> contract) {
        return (Map<String, Map<String, Object>>) contract.get("paths");
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
