package dev.dlqconsole.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's OpenAPI 3.1 description, written by hand so every description is exact; a test keeps it
 * in step with the controllers (see docs/decisions/004-rest-api.md). Served without login.
 */
@RestController
class OpenApiController {

    static final String SPEC = "api/openapi.yaml";

    @GetMapping("/api/openapi.yaml")
    ResponseEntity<Resource> spec() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body(new ClassPathResource(SPEC));
    }
}
