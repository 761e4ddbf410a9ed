package dev.sweep.coordinator.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against the Compose Specification's JSON schema, with no Docker daemon:
 * dclint (npm) bundles the schema. Skipped where npx is missing or the npm registry cannot be
 * reached; style rules are dclint's opinions and are not checked.
 */
class ComposeSchemaTest {
    @Test
    void theComposeFileMatchesTheComposeSpecification() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process p;
        try {
            p = new ProcessBuilder("npx", "--yes", "dclint@3.1.0", "docker-compose.yml").directory(root.toFile())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "npx is not installed: " + e.getMessage());
            return;
        }
        boolean exited = p.waitFor(180, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(exited && !out.contains("npm ERR") && !out.contains("npm error"),
                "dclint could not be fetched from npm: " + out.lines().limit(3).toList());
        long schemaErrors = out.lines().filter(l -> l.contains(" error ")).count();
        assertEquals(0, schemaErrors, out);
        assertEquals(0, p.exitValue(), out);
    }
}
