package dev.sweep.worker.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rule of docs/memory-safety.md, checked on the worker's compiled main classes (ArchUnit, on
 * bytecode, so a number held in a {@code float} variable is seen as well as a literal): no call of
 * DJL's arithmetic that wraps a Java number in a tensor over a Java buffer ({@code mul}, {@code div},
 * {@code pow}, {@code maximum}, {@code minimum}, {@code mod} with a {@code Number}, their in-place
 * forms, and scalar {@code NDManager.create}) outside {@link Scalars}. Every such call can land on
 * a gradient path, where autograd keeps the constant after DJL has freed it.
 *
 * <p>It also looks one level into DJL: a DJL method the worker calls must not itself make such a
 * call (as a DJL loss or a default method of {@code NDArray} might). What it cannot see: DJL code
 * two or more calls deep, native code, calls made through reflection, and whether an array created
 * from a Java array ({@code create(float[])}) outlives the backward passes that read it; the last
 * is argued case by case in docs/memory-safety.md.
 */
class GradientPathArithmeticTest {
    /** DJL's methods that take a Number and build the constant over a Java buffer. */
    static final Set<String> WRAPPING = Set.of("mul", "div", "pow", "maximum", "minimum", "mod", "muli", "divi",
            "powi", "modi", "rdiv", "rdivi", "rpow", "rpowi", "rmod", "rmodi");

    /**
     * DJL's {@code add(Number)} and {@code sub(Number)} wrap the number too, but autograd saves
     * nothing of it: libtorch's derivative of {@code add.Tensor} and {@code sub.Tensor} is the
     * incoming gradient (times alpha), so the constant may go as soon as the op returns.
     */
    static final Set<String> WRAPPING_BUT_NOT_SAVED = Set.of("add", "sub", "addi", "subi");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sweep.worker", "ai.djl.ndarray", "ai.djl.pytorch.engine", "ai.djl.nn",
                        "ai.djl.training.loss");
    }

    static boolean wrapsANumber(JavaMethodCall call) {
        JavaClass owner = call.getTargetOwner();
        String name = call.getName();
        List<JavaClass> params = call.getTarget().getRawParameterTypes();
        boolean anArray = owner.isAssignableTo(ai.djl.ndarray.NDArray.class) || owner.isEquivalentTo(ai.djl.ndarray.NDArrays.class);
        if (anArray && WRAPPING.contains(name) && params.stream().anyMatch(p -> p.isEquivalentTo(Number.class))) {
            return true;
        }
        // a scalar made from a Java number: the same buffer, kept only as long as its handle is open
        return owner.isAssignableTo(ai.djl.ndarray.NDManager.class) && name.equals("create") && params.size() == 1
                && (params.get(0).isPrimitive() || params.get(0).isEquivalentTo(Number.class));
    }

    static boolean inWorker(JavaClass c) {
        return c.getPackageName().startsWith("dev.sweep.worker") && !c.isEquivalentTo(Scalars.class)
                && !c.getName().startsWith(Scalars.class.getName() + "$");
    }

    @Test
    void theWorkerNeverHandsDjlAJavaNumberToWrap() {
        List<String> offenders = new ArrayList<>();
        for (JavaClass c : classes) {
            if (inWorker(c)) {
                c.getMethodCallsFromSelf().stream().filter(GradientPathArithmeticTest::wrapsANumber)
                        .forEach(call -> offenders.add(call.getDescription()));
            }
        }
        assertTrue(classes.contain(Scalars.class.getName()), "the import found no worker classes");
        assertEquals(List.of(), offenders, "use dev.sweep.worker.tensor.Scalars instead (docs/memory-safety.md)");
    }

    @Test
    void noDjlMethodTheWorkerCallsDoesItOneLevelDown() {
        Set<String> offenders = new TreeSet<>();
        int resolved = 0;
        for (JavaClass c : classes) {
            if (!inWorker(c)) {
                continue;
            }
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (!call.getTargetOwner().getPackageName().startsWith("ai.djl") || wrapsANumber(call)
                        || WRAPPING_BUT_NOT_SAVED.contains(call.getName())) {
                    continue;
                }
                for (JavaCodeUnit body : implementations(call)) {
                    resolved++;
                    body.getMethodCallsFromSelf().stream().filter(GradientPathArithmeticTest::wrapsANumber)
                            .forEach(inner -> offenders.add(call.getTarget().getFullName() + " -> " + inner.getTarget().getFullName()
                                    + " (called at " + call.getSourceCodeLocation() + ")"));
                }
            }
        }
        assertTrue(resolved > 50, "only " + resolved + " DJL method bodies were found to look into");
        assertEquals(Set.of(), offenders, "a DJL method the worker calls wraps a Java number; replace the call");
    }

    /** The method's own body and, for the engine's interfaces, the PyTorch engine's implementation. */
    private static List<JavaCodeUnit> implementations(JavaMethodCall call) {
        List<JavaCodeUnit> out = new ArrayList<>();
        Optional<JavaMethod> declared = call.getTarget().resolveMember();
        declared.ifPresent(out::add);
        String[] params = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
        for (String impl : List.of("ai.djl.pytorch.engine.PtNDArray", "ai.djl.pytorch.engine.PtNDManager",
                "ai.djl.pytorch.engine.PtNDArrayEx")) {
            if (classes.contain(impl) && classes.get(impl).isAssignableTo(call.getTargetOwner().getName())) {
                classes.get(impl).tryGetMethod(call.getName(), params).ifPresent(out::add);
            }
        }
        return out;
    }
}
