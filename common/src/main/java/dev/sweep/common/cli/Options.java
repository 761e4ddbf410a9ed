package dev.sweep.common.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line flags of the form {@code --name value}, and the positional arguments between them. */
public record Options(List<String> positional, Map<String, String> flags) {
    public static Options parse(List<String> args, List<String> known) {
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (!known.contains(a)) {
                    throw new IllegalArgumentException("unknown option " + a + "; known: " + known);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                flags.put(a, args.get(++i));
            } else {
                positional.add(a);
            }
        }
        return new Options(List.copyOf(positional), Map.copyOf(flags));
    }

    /**
     * Parses the arguments of one subcommand, which takes exactly the flags in {@code accepted}
     * (each with a value). Any other flag, including one a sibling subcommand takes, is refused in
     * one line naming the subcommand and listing what it does take, as is a flag whose value is
     * missing (the end of the line, or another flag where the value should be).
     */
    public static Options parse(String command, List<String> args, List<String> accepted) {
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (!accepted.contains(a)) {
                throw new IllegalArgumentException(command + " does not take " + a + "; its options: "
                        + (accepted.isEmpty() ? "none" : String.join(", ", accepted)));
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            flags.put(a, args.get(++i));
        }
        return new Options(List.copyOf(positional), Map.copyOf(flags));
    }

    public boolean has(String flag) {
        return flags.containsKey(flag);
    }

    public String value(String flag) {
        return flags.get(flag);
    }

    public int intValue(String flag) {
        try {
            return Integer.parseInt(flags.get(flag));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, but got '" + flags.get(flag) + "'");
        }
    }

    public int intValue(String flag, int fallback) {
        return has(flag) ? intValue(flag) : fallback;
    }

    public double doubleValue(String flag, double fallback) {
        if (!has(flag)) {
            return fallback;
        }
        try {
            return Double.parseDouble(flags.get(flag));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, but got '" + flags.get(flag) + "'");
        }
    }
}
