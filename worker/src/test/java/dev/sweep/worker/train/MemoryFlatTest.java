package dev.sweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sweep.common.codec.Codec;
import dev.sweep.common.trial.TrialConfig;
import dev.sweep.worker.data.TaskData;
import dev.sweep.worker.data.TextTokenizer;
import dev.sweep.worker.head.Poolings;
import dev.sweep.worker.head.TaskHead;
import dev.sweep.worker.loss.Losses;
import dev.sweep.worker.model.Encoder;
import dev.sweep.worker.model.Pretrained;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 500 optimizer steps of a tiny model must not grow the engine's arrays or the process's memory. */
class MemoryFlatTest {
    @TempDir
    Path dir;

    @Test
    void arraysAndResidentMemoryStayFlatOver500Steps() throws Exception {
        // the resident-set check holds only in its own JVM with a fixed, pre-touched heap (worker/pom.xml,
        // execution memory-flat); picked by -Dtest, the default JVM runs it too, and there a growing heap
        // would fail it for the wrong reason
        assumeTrue(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+AlwaysPreTouch"), "runs in the memory-flat execution's JVM (-Xms = -Xmx, pre-touched)");
        Path modelDir = TinyModels.folder(dir.resolve("m"), 2, 32, 0.1);
        SyntheticData.classification(dir.resolve("d.csv"), 200, 4);
        Files.writeString(dir.resolve("t.yaml"), """
                task: {type: classification, train: d.csv, text: [text], targets: [label], max_length: 24,
                       validation: {fraction: 0.2}}
                model: {source: m, pooling: attention}
                training: {epochs: 100, batch_size: 4, eval_batch_size: 40, lr: 2.0e-5, max_steps: 500,
                           eval_every_steps: 100, log_every_steps: 25}
                output: out
                """);
        TrialConfig config = Codec.readYaml(dir.resolve("t.yaml"), TrialConfig.class);
        Pretrained pretrained = Pretrained.folder(modelDir);
        TaskData data;
        try (TextTokenizer tok = TextTokenizer.fromJson(new ByteArrayInputStream(pretrained.tokenizerJson()), 24)) {
            data = TaskData.load(config.task(), dir, tok);
        }
        List<Integer> arrays = new ArrayList<>();
        List<Long> resident = new ArrayList<>();
        // a fixed seed makes the run the same every time: this test is about memory, not luck
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            Encoder encoder = Encoder.fromWeights(pretrained.config(), pretrained.weights(), manager, "tiny");
            TaskHead head = new TaskHead(Poolings.create("attention", 32, 3, 4, manager), 32, data.numOutputs(), 0.1f, manager);
            TrainingListener probe = p -> {
                arrays.add(manager.getManagedArrays().size());
                // the build runs this test in a JVM whose heap is fixed and pre-touched, so the
                // resident set moves only with native memory
                resident.add(MemoryProbe.residentBytes());
            };
            TrainingLoop loop = new TrainingLoop(new TextModel(encoder, head), data, config.training(),
                    Losses.create("ce"), false, List.of(), probe, manager);
            TrainingLoop.Outcome outcome = loop.run();
            assertEquals(500, outcome.steps());
        }
        assertEquals(20, arrays.size());
        // after the first reports (optimizer state, first-step caches), nothing may accumulate
        assertEquals(arrays.get(3), arrays.get(arrays.size() - 1), "arrays held by the model's manager: " + arrays);
        long growth = resident.get(resident.size() - 1) - resident.get(3);
        assertTrue(growth < 40L << 20, "resident memory grew by " + (growth >> 20) + " MiB over 400 steps: " + resident);
    }
}
