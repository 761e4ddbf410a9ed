package dev.sweep.coordinator.report;

import java.util.Locale;

/** The shapes a report is written in. */
public enum ReportFormat {
    MD("ablation.md"),
    CSV("ablation.csv"),
    JSON("ablation.json"),
    HTML("ablation.html");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be md, csv, json or html, but got '" + name + "'");
        }
    }
}
