package dev.sweep.common.trick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tricks' one declaration: what it accepts, what it refuses, and the order it gives. */
class TrickRegistryTest {
    @Test
    void readingFillsDefaultsAndKeepsTypes() {
        Map<String, Object> pgd = TrickRegistry.get("pgd").read(Map.of("steps", 2.0));
        assertEquals(Map.of("epsilon", 1.0, "alpha", 0.3, "steps", 2, "target", "word_embeddings"), pgd);
        assertEquals(Map.of("layers", 0, "embeddings", false),
                TrickRegistry.get("freeze_layers").read(Map.of("embeddings", "false")));
        assertEquals(Map.of("start", 0.75, "every_steps", 0), TrickRegistry.get("swa").read(null),
                "an optional parameter without a default stays absent");
        assertEquals(1e-3, TrickRegistry.get("swa").read(Map.of("lr", "1e-3")).get("lr"));
    }

    @Test
    void eachBrokenRuleIsRefusedWithTheParametersPath() {
        assertEquals("tricks.ema.decay must lie in [0.0, 0.999999], but got 1.5", refusal("ema", Map.of("decay", 1.5)));
        assertEquals("tricks.pgd.steps must be an integer, but got 2.5", refusal("pgd", Map.of("steps", 2.5)));
        assertEquals("tricks.fgm.epsilon must be a number, but got 'big'", refusal("fgm", Map.of("epsilon", "big")));
        assertEquals("tricks.fgm.epsilon must be a number, but got 'true'", refusal("fgm", Map.of("epsilon", true)));
        assertEquals("tricks.amp.dtype must be one of [bf16, fp16], but got 'fp8'", refusal("amp", Map.of("dtype", "fp8")));
        assertEquals("tricks.freeze_layers.embeddings must be true or false, but got 'yes'",
                refusal("freeze_layers", Map.of("embeddings", "yes")));
        assertEquals("tricks.fgm: unknown parameter 'epsilom'; fgm takes [epsilon, target]",
                refusal("fgm", Map.of("epsilom", 1)));
        assertEquals("tricks.fmg: unknown trick 'fmg'; known: [amp, awp, ema, fgm, freeze_layers, grad_accum, llrd, "
                + "multi_sample_dropout, pgd, rdrop, reinit_layers, swa]", refusal("fmg", Map.of()));
        assertTrue(refusal("fma", Map.of()).startsWith("tricks.fma: fine-tuned model averaging is a kind of trial"));
    }

    @Test
    void aLayerCountIsBoundedByTheModelOnlyTheWorkerKnows() {
        TrickParameter layers = TrickRegistry.get("reinit_layers").parameter("layers");
        assertEquals(1_000_000, TrickRegistry.get("reinit_layers").read(Map.of("layers", 1_000_000)).get("layers"),
                "the coordinator cannot know the encoder's depth");
        assertEquals(6, layers.checkLayers("tricks.reinit_layers.layers", 6, 6));
        assertEquals("tricks.reinit_layers.layers must lie in [1, 6] (the encoder has 6 layers), but got 7",
                assertThrows(IllegalArgumentException.class,
                        () -> layers.checkLayers("tricks.reinit_layers.layers", 7, 6)).getMessage());
        assertEquals("tricks.reinit_layers.layers must lie in [1.0, 1000000.0], but got 0.0",
                refusal("reinit_layers", Map.of("layers", 0)));
    }

    @Test
    void theRunOrderIsTheRegistrysWhateverOrderASpecGives() {
        List<String> order = TrickRegistry.inOrder(new java.util.LinkedHashSet<>(List.of("amp", "ema", "freeze_layers",
                "llrd", "fgm"))).stream().map(TrickDefinition::name).toList();
        // decay sets learning rates before freezing drops parameters; mixed precision wraps every other pass
        assertEquals(List.of("llrd", "freeze_layers", "fgm", "ema", "amp"), order);
        assertEquals("amp", List.copyOf(TrickRegistry.names()).get(TrickRegistry.names().size() - 1));
    }

    @Test
    void everyBenchmarkSettingIsOneTheTrickAccepts() {
        for (TrickDefinition t : TrickRegistry.all()) {
            t.read(t.benchmark()); // throws on a setting the declaration refuses
        }
    }

    @Test
    void aDeclarationThatBreaksItsOwnRulesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrickParameter.number("x", 1, 2, 1, "doc"));
        assertThrows(IllegalArgumentException.class,
                () -> new TrickParameter("x", ParameterType.TEXT, "a", 0.0, 1.0, null, false, "doc"));
        assertThrows(IllegalArgumentException.class, () -> new TrickDefinition("t", "s",
                List.of(TrickParameter.flag("x", true, "d"), TrickParameter.flag("x", false, "d")), Map.of(), false));
    }

    private static String refusal(String trick, Map<String, ?> params) {
        return assertThrows(IllegalArgumentException.class, () -> TrickRegistry.check("tricks." + trick, trick, params))
                .getMessage();
    }
}
